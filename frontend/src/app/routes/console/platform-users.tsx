import { Alert, Group, Stack, Text, Title } from '@mantine/core';

import { useMe } from '@/features/auth/api/get-me';
import { AddUserButton } from '@/features/users/components/add-user-button';
import { UsersFiltersBar } from '@/features/users/components/users-filters-bar';
import { UsersTable } from '@/features/users/components/users-table';
import { useUserFilters } from '@/features/users/user-filters';
import type { UserScope } from '@/features/users/user-scope';
import { canManageStaff } from '@/lib/authorization';

const SCOPE: UserScope = { kind: 'platform' };

/** The platform's staff (administrators, managers, viewers): for platform administrators. */
export default function PlatformUsersRoute() {
  const { data: me } = useMe();
  const [filters, setFilters] = useUserFilters(SCOPE);
  if (!me) return null;
  const allowed = canManageStaff(me);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Staff</Title>
        {allowed && <AddUserButton scope={SCOPE} />}
      </Group>
      <Text c="dimmed" size="sm">
        The people who run the platform. They belong to no account.
      </Text>
      {allowed ? (
        <>
          <UsersFiltersBar scope={SCOPE} filters={filters} onChange={setFilters} />
          <UsersTable
            scope={SCOPE}
            filters={filters}
            currentUserId={me.user_id}
            onSort={(sort) => setFilters({ sort })}
          />
        </>
      ) : (
        <Alert color="yellow" title="Not available">
          Only platform administrators manage the staff.
        </Alert>
      )}
    </Stack>
  );
}
