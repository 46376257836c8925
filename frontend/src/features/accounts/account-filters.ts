import { useCallback } from 'react';

import { useUrlParams, withValues } from '@/lib/url-params';

import { isAccountStatus, type AccountStatus } from './account-status';
import type { AccountQuery } from './api/list-accounts';

export type AccountSort = NonNullable<AccountQuery['sort']>;

export type AccountFilters = { q: string; status: AccountStatus | null; sort: AccountSort };

export const ACCOUNT_SORTS: Record<AccountSort, string> = {
  '-created': 'Newest first',
  created: 'Oldest first',
  name: 'Name A–Z',
  '-name': 'Name Z–A',
};

const DEFAULT_SORT: AccountSort = '-created';

function isAccountSort(value: string | null): value is AccountSort {
  return value !== null && Object.hasOwn(ACCOUNT_SORTS, value);
}

/**
 * Search, status and order of the account list live in the address bar (`?q=…&status=…&sort=…`),
 * so a filtered list can be reloaded, bookmarked and shared.
 */
export function useAccountFilters(): [AccountFilters, (change: Partial<AccountFilters>) => void] {
  const [searchParams, change] = useUrlParams();
  const status = searchParams.get('status');
  const sort = searchParams.get('sort');
  const filters: AccountFilters = {
    q: searchParams.get('q') ?? '',
    status: isAccountStatus(status) ? status : null,
    sort: isAccountSort(sort) ? sort : DEFAULT_SORT,
  };

  const update = useCallback(
    (changed: Partial<AccountFilters>) =>
      change((next) => withValues(next, changed.sort === DEFAULT_SORT ? { ...changed, sort: null } : changed)),
    [change],
  );

  return [filters, update];
}
