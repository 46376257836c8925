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
