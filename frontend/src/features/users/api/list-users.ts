import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUserPage, ListAccountUsersData } from '@/client/types.gen';

import { scopeKey, type UserScope } from '../user-scope';

/** The same query for an account's people and for staff. */
export type UserQuery = NonNullable<ListAccountUsersData['query']>;

/** Every query about people starts with this key, then the scope (`account:<id>` or `platform`). */
export const usersQueryKey = ['users'] as const;

export function scopeUsersQueryKey(scope: UserScope) {
  return [...usersQueryKey, scopeKey(scope)] as const;
}

export async function listUsers(scope: UserScope, query: UserQuery): Promise<ConsoleUserPage> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.listAccountUsers({ path: { account_id: scope.accountId }, query })
      : await sdk.listPlatformUsers({ query });
  return data;
}

export function listUsersQueryOptions(scope: UserScope, query: UserQuery) {
  return queryOptions({
    queryKey: [...scopeUsersQueryKey(scope), query],
    queryFn: () => listUsers(scope, query),
    // People change elsewhere (they sign in, enroll, get locked out): each visit asks again.
    staleTime: 0,
  });
}

/** One page of people; the previous page stays on screen while the next one loads. */
export function useUsers(scope: UserScope, query: UserQuery) {
  return useQuery({ ...listUsersQueryOptions(scope, query), placeholderData: keepPreviousData });
}
