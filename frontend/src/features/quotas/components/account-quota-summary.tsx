import { Alert, Stack, Text } from '@mantine/core';

import type { AccountQuota } from '@/client/types.gen';
import { formatDateTime } from '@/lib/dates';
import { formatBytes, formatCount, formatPercent } from '@/lib/units';

import { QuotaBar } from './quota-bar';

/** "1.2 GiB of 5 GiB (24%)", as the last measurement found it. */
export function quotaBytesText({ bytes_used: used, used_percent: percent }: AccountQuota, quotaBytes: number): string {
  if (used === null) return `${formatBytes(quotaBytes)} quota; usage not measured yet`;
  const share = percent === null ? '' : ` (${formatPercent(percent / 100)})`;
  return `${formatBytes(used)} of ${formatBytes(quotaBytes)}${share}`;
}

/**
 * The account's quota as a bar and in words, its object limit, when usage was last measured (quotas
 * are enforced from that measurement), and what being over quota means.
 */
export function AccountQuotaSummary({ quota }: { quota: AccountQuota }) {
  const { quota_bytes: quotaBytes, quota_objects: quotaObjects } = quota;
  return (
    <Stack gap="xs">
      {quotaBytes === null ? (
        <Text>No quota</Text>
      ) : (
        <Stack gap={4} maw={560}>
          <QuotaBar label="Account quota" percent={quota.used_percent} level={quota.level} size="lg" />
          <Text>{quotaBytesText(quota, quotaBytes)}</Text>
        </Stack>
      )}
      {quotaObjects !== null && (
        <Text size="sm">
          {`Object limit: ${quota.objects === null ? 'not measured yet' : formatCount(quota.objects)} of ${formatCount(quotaObjects)} objects`}
        </Text>
      )}
      {quota.over_quota && (
        <Alert color="red" maw={760}>
          Over quota: writes to this account&apos;s buckets are refused. Reads and deletes still work. Delete data or ask
          for a larger quota.
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {quota.sampled_at ? (
          <>
            Measured <time dateTime={quota.sampled_at}>{formatDateTime(quota.sampled_at)}</time>.{' '}
          </>
        ) : (
          'Not measured yet. '
        )}
        Quotas are checked each time usage is measured, and at once when a quota changes.
      </Text>
    </Stack>
  );
}
