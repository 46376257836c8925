import { Alert, Button, Group, Loader, Stack, Text } from '@mantine/core';

import type { BucketPurge } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { formatCount } from '@/lib/units';

import { useStartBucketPurge } from '../api/start-bucket-purge';

/** How the deletion of a bucket with all its data goes, in its row: the count so far, or why it failed and
 * a retry (which goes on from what is left). */
export function BucketPurgeStatus({ accountId, purge }: { accountId: string; purge: BucketPurge }) {
  const retry = useStartBucketPurge();
  const deleted = `${formatCount(purge.objects_deleted)} ${purge.objects_deleted === 1 ? 'object' : 'objects'} deleted`;

  if (purge.state === 'failed') {
    return (
      <Stack>
        <Alert color="red" title="Deleting the bucket failed" role="alert" p="xs">
          <Text size="sm">
            {purge.error ?? 'The deletion stopped.'} ({deleted} before it stopped.)
          </Text>
        </Alert>
        <FormError error={retry.error} />
        <Group>
          <Button
            size="xs"
            variant="light"
            color="red"
            loading={retry.isPending}
            aria-label={`Retry deleting bucket ${purge.bucket}`}
            onClick={() => retry.mutate({ accountId, bucket: purge.bucket, confirmName: purge.bucket })}
          >
            Retry
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" role="status" aria-label={`Deleting bucket ${purge.bucket}`}>
      {purge.state === 'running' && <Loader size="xs" />}
      <Text size="sm">{purge.state === 'done' ? `Bucket deleted, ${deleted}` : `Deleting… ${deleted}`}</Text>
      {purge.error && purge.state === 'running' && (
        <Text size="xs" c="dimmed">
          {purge.error}
        </Text>
      )}
    </Group>
  );
}
