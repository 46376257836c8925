import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import { scopeUsersQueryKey } from './list-users';

export async function getAccountUser(accountId: string, userId: string): Promise<ConsoleUser> {
  const { data } = await sdk.getAccountUser({ path: { account_id: accountId, user_id: userId } });
  return data;
}

/** One person of an account (e.g. to name them above their access keys). */
export function useAccountUser(accountId: string, userId: string) {
  return useQuery(
    queryOptions({
      queryKey: [...scopeUsersQueryKey({ kind: 'account', accountId }), 'one', userId],
      queryFn: () => getAccountUser(accountId, userId),
    }),
  );
}
