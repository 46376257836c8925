import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountDetail } from '@/client/types.gen';

import { accountsQueryKey } from './list-accounts';

export function accountQueryKey(accountId: string) {
  return [...accountsQueryKey, accountId] as const;
}

export async function getAccount(accountId: string): Promise<AccountDetail> {
  const { data } = await sdk.getAccount({ path: { account_id: accountId } });
  return data;
}

/** While provisioning runs or waits for the storage system, the page follows it until it settles. */
const UNSETTLED: ReadonlySet<AccountDetail['status']> = new Set(['provisioning', 'waiting']);

export function getAccountQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: accountQueryKey(accountId),
    queryFn: () => getAccount(accountId),
    refetchInterval: (query) => (query.state.data && UNSETTLED.has(query.state.data.status) ? 3000 : false),
  });
}

/** An account with its usage and provisioning steps. */
export function useAccount(accountId: string) {
  return useQuery(getAccountQueryOptions(accountId));
}
