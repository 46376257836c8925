import { Alert, Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';

import type { ConsoleUser } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { useAccountBuckets } from '@/features/buckets/api/list-account-buckets';
import { DataGrantModal } from '@/features/data-grants/components/data-grant-form';
import { AccountMfaSwitch } from '@/features/security-policy/components/account-mfa-switch';
import { AddUserButton } from '@/features/users/components/add-user-button';
import { UsersFiltersBar } from '@/features/users/components/users-filters-bar';
import { UsersTable } from '@/features/users/components/users-table';
import { useUserFilters } from '@/features/users/user-filters';
import type { UserScope } from '@/features/users/user-scope';
import { canManagePeople, canReadPeople, isAccountRole } from '@/lib/authorization';

/**
 * The people of one account: run by platform administrators (any account) and account administrators
 * (their own); platform managers and viewers read it, without the actions.
 */
export default function AccountUsersRoute() {
  const { accountId = '' } = useParams();
  const { data: me } = useMe();
  const scope: UserScope = { kind: 'account', accountId };
  const [filters, setFilters] = useUserFilters(scope);
  const [granting, setGranting] = useState<ConsoleUser | null>(null);
  const buckets = useAccountBuckets(accountId);
  if (!me) return null;
  const manages = canManagePeople(me, accountId);
  const allowed = canReadPeople(me, accountId);

  return (
    <Stack>
      {!isAccountRole(me.role) && (
        <Anchor component={Link} to={paths.account.getHref(accountId)} size="sm">
          Back to account {accountId}
        </Anchor>
      )}
      <Group justify="space-between">
        <Title order={1}>People</Title>
        {manages && <AddUserButton scope={scope} />}
      </Group>
      <Text c="dimmed" size="sm">
        Account {accountId}
      </Text>
      {allowed ? (
        <>
          {manages && <AccountMfaSwitch key={accountId} accountId={accountId} />}
          <UsersFiltersBar scope={scope} filters={filters} onChange={setFilters} />
          <UsersTable
            key={accountId}
            scope={scope}
            filters={filters}
            currentUserId={me.user_id}
            onSort={(sort) => setFilters({ sort })}
            onDataAccess={manages ? setGranting : undefined}
            readOnly={!manages}
          />
          <DataGrantModal
            accountId={accountId}
            user={granting}
            bucketNames={buckets.data?.items.map((bucket) => bucket.name)}
            onClose={() => setGranting(null)}
          />
        </>
      ) : (
        <Alert color="yellow" title="Not available">
          Your role does not include the people of this account.
        </Alert>
      )}
    </Stack>
  );
}
