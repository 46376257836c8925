import { Text } from '@mantine/core';

import type { AccountDetail } from '@/client/types.gen';
import { FactsTable, type Fact } from '@/components/facts-table';
import { formatDateTime, formatTime } from '@/lib/dates';
import { formatBytes, formatCount } from '@/lib/units';

import { AccountStatusBadge } from './account-status-badge';

/** The account's facts and usage, one per row. */
export function AccountSummary({ account }: { account: AccountDetail }) {
  const rows: Fact[] = [
    ['Account id', account.id],
    ['Display name', account.display_name],
    ['Status', <AccountStatusBadge status={account.status} />],
    ['Created', <time dateTime={account.created_at}>{formatDateTime(account.created_at)}</time>],
    ['Contact', account.contact_email],
    ['Users', formatCount(account.users)],
    ['Buckets', formatCount(account.buckets)],
    ['Objects', formatCount(account.objects)],
    ['Used', formatBytes(account.bytes_used)],
    ...(account.usage_measured_at
      ? [['Measured', <MeasuredAt at={account.usage_measured_at} />] as const]
      : []),
    ...(account.unmeasured_buckets > 0
      ? [['Not measured yet', <NotMeasured buckets={account.unmeasured_buckets} />] as const]
      : []),
    ['Quota', account.quota_bytes === null ? 'No quota' : formatBytes(account.quota_bytes)],
  ];
  return <FactsTable facts={rows} />;
}

/** Objects and bytes come from the last capacity sample (counting them means listing every object). */
function MeasuredAt({ at }: { at: string }) {
  return (
    <Text size="sm" c="dimmed" component="span">
      Objects and bytes as of <time dateTime={at}>{formatTime(at)}</time>
    </Text>
  );
}

/** A bucket made since the last capacity sample: its objects are counted at the next one, never in a page view. */
function NotMeasured({ buckets }: { buckets: number }) {
  return (
    <Text size="sm" c="dimmed" component="span">
      {buckets === 1 ? '1 new bucket is' : `${formatCount(buckets)} new buckets are`} counted at the next capacity
      sample
    </Text>
  );
}
