import type { AccountDetail } from '@/client/types.gen';
import { FactsTable, type Fact } from '@/components/facts-table';
import { formatDateTime } from '@/lib/dates';
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
    ['Quota', account.quota_bytes === null ? 'No quota' : formatBytes(account.quota_bytes)],
  ];
  return <FactsTable facts={rows} />;
}
