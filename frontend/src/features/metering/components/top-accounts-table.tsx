import { Anchor, EmptyState, Stack, Table, Title } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router';

import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { formatBytes, formatCount } from '@/lib/units';

import { useTopAccounts } from '../api/list-top-accounts';

const LIMIT = 10;
const NOT_SAMPLED = '—';

/** The accounts using most capacity, each linked to its usage; an account deleted since shows its id. */
export function TopAccountsTable() {
  const titleId = useId();
  const accounts = useTopAccounts(LIMIT);

  let body;
  if (accounts.isPending) body = <PageLoader label="Loading the top accounts…" />;
  else if (accounts.isError) body = <QueryError error={accounts.error} onRetry={() => void accounts.refetch()} />;
  else if (accounts.data.items.length === 0) body = <EmptyState title="No usage recorded yet" />;
  else {
    body = (
      <ListTable label="Top accounts" minWidth={640} striped withTableBorder aria-labelledby={titleId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Account</Table.Th>
            <Table.Th ta="end">Used capacity</Table.Th>
            <Table.Th ta="end">Objects</Table.Th>
            <Table.Th ta="end">Requests (24 h)</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {accounts.data.items.map((account) => (
            <Table.Tr key={account.account_id}>
              <Table.Td>
                <Anchor component={Link} to={paths.accountUsage.getHref(account.account_id)}>
                  {account.display_name ?? `${account.account_id} (deleted)`}
                </Anchor>
              </Table.Td>
              <Table.Td ta="end">{account.bytes_used === null ? NOT_SAMPLED : formatBytes(account.bytes_used)}</Table.Td>
              <Table.Td ta="end">{account.objects === null ? NOT_SAMPLED : formatCount(account.objects)}</Table.Td>
              <Table.Td ta="end">{formatCount(account.requests_24h)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
    );
  }

  return (
    <Stack gap="sm">
      <Title order={2} size="h3" id={titleId}>
        Top accounts
      </Title>
      {body}
    </Stack>
  );
}
