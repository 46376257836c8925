import { Button, Group, Stack, Title } from '@mantine/core';
import { Link } from 'react-router';

import { paths } from '@/config/paths';
import { useAccountFilters } from '@/features/accounts/account-filters';
import { AccountFiltersBar } from '@/features/accounts/components/account-filters-bar';
import { AccountsTable } from '@/features/accounts/components/accounts-table';
import { useMe } from '@/features/auth/api/get-me';
import { canManageAccounts } from '@/lib/authorization';

export default function AccountsRoute() {
  const { data: me } = useMe();
  const [filters, setFilters] = useAccountFilters();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Accounts</Title>
        {me && canManageAccounts(me) && (
          <Button component={Link} to={paths.newAccount.getHref()}>
            New account
          </Button>
        )}
      </Group>
      <AccountFiltersBar filters={filters} onChange={setFilters} />
      <AccountsTable filters={filters} onSort={(sort) => setFilters({ sort })} />
    </Stack>
  );
}
