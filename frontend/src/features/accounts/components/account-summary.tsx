import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

import type { AccountDetail } from '@/client/types.gen';
import { formatDateTime } from '@/lib/dates';
import { formatBytes, formatCount } from '@/lib/sizes';

import { AccountStatusBadge } from './account-status-badge';

/** The account's facts and usage, one per row. */
export function AccountSummary({ account }: { account: AccountDetail }) {
  const rows: [string, ReactNode][] = [
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
  return (
    <Table variant="vertical" withTableBorder maw={640}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={220}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
