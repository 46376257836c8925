import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountPage, ListAccountsData } from '@/client/types.gen';

export type AccountQuery = NonNullable<ListAccountsData['query']>;

/** Every query about accounts starts with this key: the list (an object follows) and each account (its id follows). */
export const accountsQueryKey = ['accounts'] as const;

export async function listAccounts(query: AccountQuery): Promise<AccountPage> {
  const { data } = await sdk.listAccounts({ query });
  return data;
}

export function listAccountsQueryOptions(query: AccountQuery) {
  return queryOptions({
    queryKey: [...accountsQueryKey, query],
    queryFn: () => listAccounts(query),
  });
}

/** One page of accounts; the previous page stays on screen while the next one loads. */
export function useAccounts(query: AccountQuery) {
  return useQuery({ ...listAccountsQueryOptions(query), placeholderData: keepPreviousData });
}
