import { useCallback } from 'react';

import type { Role } from '@/lib/authorization';
import { useUrlParams, withValues } from '@/lib/url-params';

import type { UserQuery } from './api/list-users';
import { isScopeRole, type UserScope } from './user-scope';
import { isUserStatus, type UserStatus } from './user-status';

export type UserSort = NonNullable<UserQuery['sort']>;

export type UserFilters = { q: string; role: Role | null; status: UserStatus | null; sort: UserSort };

export const USER_SORTS: Record<UserSort, string> = {
  username: 'Username A–Z',
  '-username': 'Username Z–A',
  '-created': 'Newest first',
  created: 'Oldest first',
  '-last_sign_in': 'Last sign-in, newest first',
  last_sign_in: 'Last sign-in, oldest first',
};

export const DEFAULT_USER_SORT: UserSort = 'username';

function isUserSort(value: string | null): value is UserSort {
  return value !== null && Object.hasOwn(USER_SORTS, value);
}

/**
 * Search, role, status and order of a list of people live in the address bar
 * (`?q=…&role=…&status=…&sort=…`), so a filtered list can be reloaded, bookmarked and shared.
 * A role that does not belong to the scope (e.g. an account role among staff) is ignored.
 */
export function useUserFilters(scope: UserScope): [UserFilters, (change: Partial<UserFilters>) => void] {
  const [searchParams, change] = useUrlParams();
  const role = searchParams.get('role');
  const status = searchParams.get('status');
  const sort = searchParams.get('sort');
  const filters: UserFilters = {
    q: searchParams.get('q') ?? '',
    role: isScopeRole(scope, role) ? role : null,
    status: isUserStatus(status) ? status : null,
    sort: isUserSort(sort) ? sort : DEFAULT_USER_SORT,
  };

  const update = useCallback(
    (changed: Partial<UserFilters>) =>
      change((next) => withValues(next, changed.sort === DEFAULT_USER_SORT ? { ...changed, sort: null } : changed)),
    [change],
  );

  return [filters, update];
}
