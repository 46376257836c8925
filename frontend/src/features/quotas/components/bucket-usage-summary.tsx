import { Alert, Group, Stack, Text } from '@mantine/core';

import { formatDateTime } from '@/lib/dates';
import { formatBytes, formatCount, formatPercent } from '@/lib/units';

import { QuotaBar } from './quota-bar';
import { useAccountQuota } from '../api/get-account-quota';

/**
 * One bucket's size and objects as the last capacity sample found them (with its time), and its quota as
 * the same bar and figures as the account's quota page: the bucket page and the quota page agree.
 */
export function BucketUsageSummary({ accountId, bucket }: { accountId: string; bucket: string }) {
  const quota = useAccountQuota(accountId);
  if (!quota.data) return null;
  const own = quota.data.buckets.find((entry) => entry.name === bucket);
  const sampledAt = quota.data.sampled_at;
  const measured = own && own.bytes_used !== null;
  return (
    <Stack gap={6} maw={560}>
      <Group gap="xl">
        <Text size="sm">
          <Text span fw={600}>
            Size
          </Text>{' '}
          {measured ? formatBytes(own.bytes_used ?? 0) : 'not measured yet'}
        </Text>
        <Text size="sm">
          <Text span fw={600}>
            Objects
          </Text>{' '}
          {measured && own.objects !== null ? formatCount(own.objects) : 'not measured yet'}
        </Text>
      </Group>
      {own?.quota_bytes ? (
        <>
          <QuotaBar label={`Quota of ${bucket}`} percent={own.used_percent} level={own.level} />
          <Text size="sm">
            {`${own.bytes_used === null ? 'Not measured yet' : formatBytes(own.bytes_used)} of ${formatBytes(own.quota_bytes)}`}
            {own.used_percent !== null ? ` (${formatPercent(own.used_percent / 100)})` : ''}
          </Text>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          No quota of its own.
        </Text>
      )}
      {own?.writes_blocked && (
        <Alert color="red" title="Writes refused: over quota">
          {own.writes_blocked_since ? (
            <>
              Since <time dateTime={own.writes_blocked_since}>{formatDateTime(own.writes_blocked_since)}</time>,
              the storage system refuses every write to this bucket.
            </>
          ) : (
            'The storage system refuses every write to this bucket.'
          )}{' '}
          Uploads here fail and S3 tools get an <code>InternalError</code> until usage is below the quota again;
          reads and deletes still work, so deleting objects frees room.
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        {sampledAt ? (
          <>
            From the capacity sample of <time dateTime={sampledAt}>{formatDateTime(sampledAt)}</time>; objects
            written since show at the next one.
          </>
        ) : (
          'Usage is measured every few minutes; not measured yet.'
        )}
      </Text>
    </Stack>
  );
}
