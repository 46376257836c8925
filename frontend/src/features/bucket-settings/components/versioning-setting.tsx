import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { BucketSettingsAnswer } from '@/client/types.gen';
import { FormError } from '@/components/form-error';

import type { BucketRef } from '../api/get-bucket-settings';
import { useSetVersioning } from '../api/set-versioning';

const STATUS_TEXT = {
  off: 'Off: an overwrite or a delete replaces the object for good.',
  enabled: 'On: every overwrite and delete keeps the older version, which can be downloaded or restored.',
  suspended: 'Suspended: versions kept so far stay; new overwrites replace the latest one.',
} as const;

/** Turns versioning on, or suspends it (S3 never turns it fully off once on). */
export function VersioningSetting({ bucketRef, settings }: { bucketRef: BucketRef; settings: BucketSettingsAnswer }) {
  const change = useSetVersioning(bucketRef);
  const status = settings.versioning ?? 'off';
  const locked = settings.object_lock === true;
  const save = (next: 'enabled' | 'suspended') =>
    change.mutate(
      { status: next },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: next === 'enabled' ? 'Versioning is on.' : 'Versioning is suspended.' }),
      },
    );

  return (
    <Stack gap="xs">
      <Group gap="xs" wrap="nowrap">
        <Badge color={status === 'enabled' ? 'green' : 'gray'} aria-label={`Versioning ${status}`}>
          {status}
        </Badge>
        <Text size="sm">{STATUS_TEXT[status]}</Text>
      </Group>
      <FormError error={change.error} />
      <Group>
        {status === 'enabled' ? (
          <Button variant="light" color="orange" onClick={() => save('suspended')} loading={change.isPending} disabled={locked}>
            Suspend versioning
          </Button>
        ) : (
          <Button onClick={() => save('enabled')} loading={change.isPending}>
            Turn versioning on
          </Button>
        )}
      </Group>
      {locked && (
        <Text size="sm" c="dimmed">
          Object lock is on for this bucket, which keeps versioning on.
        </Text>
      )}
    </Stack>
  );
}
