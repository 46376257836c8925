import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { TopAccounts } from '@/client/types.gen';

import { PLATFORM_SCOPE, usageQueryKey } from '../usage-scope';

export async function listTopAccounts(limit: number): Promise<TopAccounts> {
  const { data } = await sdk.listTopAccounts({ query: { limit } });
  return data;
}

/** Under the platform's usage key, so "Refresh" asks for it again with the series. */
export function listTopAccountsQueryOptions(limit: number) {
  return queryOptions({
    queryKey: [...usageQueryKey(PLATFORM_SCOPE), 'top-accounts', { limit }],
    queryFn: () => listTopAccounts(limit),
  });
}

/**
 * The accounts using most capacity, with their requests of the last 24 hours (platform roles). Asked
 * again every 10 s while shown: it is one small read, and a ranking that never moves would mislead.
 */
export function useTopAccounts(limit: number) {
  return useQuery({ ...listTopAccountsQueryOptions(limit), refetchInterval: 10_000 });
}
