import { Anchor, EmptyState, Stack, Table } from '@mantine/core';
import { Link } from 'react-router';

import { CursorPagination } from '@/components/cursor-pagination';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { SortHeader } from '@/components/sort-header';
import { paths } from '@/config/paths';
import { useCursorPages } from '@/lib/cursor-pages';
import { formatDateTime } from '@/lib/dates';

import type { AccountFilters, AccountSort } from '../account-filters';
import { AccountStatusBadge } from './account-status-badge';
import { useAccounts } from '../api/list-accounts';

/** One page of accounts for the given filters; a change of filters starts again at the first page. */
export function AccountsTable({ filters, onSort }: { filters: AccountFilters; onSort: (sort: AccountSort) => void }) {
  const pages = useCursorPages(JSON.stringify(filters));
  const accounts = useAccounts({
    q: filters.q || undefined,
    status: filters.status,
    sort: filters.sort,
    cursor: pages.cursor,
  });

  if (accounts.isPending) return <PageLoader label="Loading accounts…" />;
  if (accounts.isError) return <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />;
  const { items, next_cursor } = accounts.data;
  if (items.length === 0 && !pages.hasPrevious) {
    return <EmptyState title="No accounts found" description="No account matches this search and status." />;
  }

  return (
    <Stack align="stretch">
      <ListTable label="Accounts" striped withTableBorder aria-busy={accounts.isPlaceholderData}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account id</Table.Th>
            <SortHeader label="Display name" field="name" sort={filters.sort} onSort={onSort} />
            <Table.Th>Status</Table.Th>
            <Table.Th>Contact</Table.Th>
            <SortHeader label="Created" field="created" sort={filters.sort} newestFirst onSort={onSort} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((account) => (
            <Table.Tr key={account.id}>
              <Table.Td>
                <Anchor component={Link} to={paths.account.getHref(account.id)}>
                  {account.id}
                </Anchor>
              </Table.Td>
              <Table.Td>{account.display_name}</Table.Td>
              <Table.Td>
                <AccountStatusBadge status={account.status} />
              </Table.Td>
              <Table.Td>{account.contact_email}</Table.Td>
              <Table.Td>
                <time dateTime={account.created_at}>{formatDateTime(account.created_at)}</time>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <CursorPagination pages={pages} nextCursor={next_cursor} />
    </Stack>
  );
}
