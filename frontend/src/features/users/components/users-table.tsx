import { EmptyState, Stack, Table, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { ConsoleUser } from '@/client/types.gen';
import { CursorPagination } from '@/components/cursor-pagination';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { SortHeader } from '@/components/sort-header';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/api-error';
import { roleLabel } from '@/lib/authorization';
import { useCursorPages } from '@/lib/cursor-pages';
import { formatDateTime } from '@/lib/dates';

import { UserActionsMenu, type UserAction } from './user-actions-menu';
import { UserDialogs, type UserDialog } from './user-dialogs';
import { UserStatusBadge } from './user-status-badge';
import { useUsers } from '../api/list-users';
import { useUnlockUser } from '../api/unlock-user';
import type { UserFilters, UserSort } from '../user-filters';
import { scopeKey, type UserScope } from '../user-scope';

function When({ value }: { value: string }) {
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}

/**
 * One page of the scope's people for the given filters, each with what can be done with them;
 * a change of filters starts again at the first page. `currentUserId` is the signed-in user, whose
 * own row offers no action the server would refuse on oneself. `readOnly`: the list without actions,
 * for those who may read the people but change nothing (platform managers and viewers).
 */
export function UsersTable({
  scope,
  filters,
  currentUserId,
  onSort,
  onDataAccess,
  readOnly = false,
}: {
  scope: UserScope;
  filters: UserFilters;
  currentUserId: string;
  onSort: (sort: UserSort) => void;
  /** Opens a member's data access (the page composes it: it is another feature's). */
  onDataAccess?: (user: ConsoleUser) => void;
  readOnly?: boolean;
}) {
  const pages = useCursorPages(JSON.stringify([scopeKey(scope), filters]));
  const users = useUsers(scope, {
    q: filters.q || undefined,
    role: filters.role,
    status: filters.status,
    sort: filters.sort,
    cursor: pages.cursor,
  });
  const unlock = useUnlockUser(scope);
  const [dialog, setDialog] = useState<UserDialog>({ action: null, user: null });

  const select = (user: ConsoleUser, action: UserAction) => {
    if (action === 'data-access') {
      onDataAccess?.(user);
      return;
    }
    if (action !== 'unlock') {
      setDialog({ action, user });
      return;
    }
    unlock.mutate(user.id, {
      onSuccess: () => notifications.show({ color: 'green', message: `${user.username} is unlocked.` }),
      onError: (error) =>
        notifications.show({ color: 'red', title: `${user.username} was not unlocked`, message: errorMessage(error) }),
    });
  };

  if (users.isPending) return <PageLoader label="Loading people…" />;
  if (users.isError) return <QueryError error={users.error} onRetry={() => void users.refetch()} />;
  const { items, next_cursor } = users.data;
  if (items.length === 0 && !pages.hasPrevious) {
    return <EmptyState title="No people found" description="No person matches this search, role and status." />;
  }

  return (
    <Stack align="stretch">
      <ListTable label="People" minWidth={1100} withActions={!readOnly} striped withTableBorder aria-busy={users.isPlaceholderData}>
        <Table.Thead>
          <Table.Tr>
            <SortHeader label="Username" field="username" sort={filters.sort} onSort={onSort} />
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>MFA</Table.Th>
            {scope.kind === 'account' && <Table.Th>Keys</Table.Th>}
            <SortHeader label="Last sign-in" field="last_sign_in" sort={filters.sort} newestFirst onSort={onSort} />
            <SortHeader label="Created" field="created" sort={filters.sort} newestFirst onSort={onSort} />
            {!readOnly && (
              <Table.Th>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((user) => (
            <Table.Tr key={user.id}>
              <Table.Td>{user.username}</Table.Td>
              <Table.Td>{user.display_name}</Table.Td>
              <Table.Td>{user.email}</Table.Td>
              <Table.Td>{roleLabel(user.role)}</Table.Td>
              <Table.Td>
                <UserStatusBadge user={user} />
              </Table.Td>
              <Table.Td>{user.mfa_enrolled ? 'Enrolled' : 'Not enrolled'}</Table.Td>
              {scope.kind === 'account' && <Table.Td>{user.access_keys ?? '—'}</Table.Td>}
              <Table.Td>{user.last_sign_in_at ? <When value={user.last_sign_in_at} /> : 'Never'}</Table.Td>
              <Table.Td>
                <When value={user.created_at} />
              </Table.Td>
              {!readOnly && (
                <Table.Td>
                  <UserActionsMenu
                    user={user}
                    isSelf={user.id === currentUserId}
                    keysHref={scope.kind === 'account' ? paths.personKeys.getHref(scope.accountId, user.id) : undefined}
                    grantsData={onDataAccess !== undefined && user.role === 'account-member'}
                    onSelect={(action) => select(user, action)}
                  />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <CursorPagination pages={pages} nextCursor={next_cursor} />
      <UserDialogs
        scope={scope}
        dialog={dialog}
        isSelf={dialog.user?.id === currentUserId}
        onClose={() => setDialog((current) => ({ ...current, action: null }))}
      />
    </Stack>
  );
}
