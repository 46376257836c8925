import { Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { errorMessage } from '@/lib/api-error';

import { BucketPurgeStatus } from './bucket-purge-status';
import { DeleteBucketButton } from './delete-bucket-button';
import { bucketsChanged } from '../api/buckets-changed';
import { useBucketPurge } from '../api/get-bucket-purge';

/** What an admin may do with one bucket of the table: delete it, or, while it is being deleted with all its
 * data, watch that (the row goes once the bucket is gone). */
export function BucketActions({
  accountId,
  bucket,
  createdAt,
}: {
  accountId: string;
  bucket: string;
  createdAt: string | null;
}) {
  const queryClient = useQueryClient();
  const purge = useBucketPurge(accountId, bucket);
  const state = purge.data?.state;

  useEffect(() => {
    if (state === 'done') void bucketsChanged(queryClient, accountId);
  }, [state, queryClient, accountId]);

  // A purge that finished before this bucket was made belongs to an earlier bucket of the same name.
  const earlier =
    state === 'done' && createdAt !== null && purge.data?.finished_at != null && purge.data.finished_at < createdAt;
  if (purge.data && !earlier) {
    return (
      <Stack gap={4}>
        <BucketPurgeStatus accountId={accountId} purge={purge.data} />
        {purge.isError && (
          <Text size="xs" c="red">
            The progress could not be fetched again: {errorMessage(purge.error)}
          </Text>
        )}
      </Stack>
    );
  }
  return <DeleteBucketButton accountId={accountId} bucket={bucket} />;
}
