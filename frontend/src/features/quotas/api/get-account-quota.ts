import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountQuota } from '@/client/types.gen';

/**
 * Usage is measured every few minutes and writes are refused or allowed again at each measurement:
 * asking this often shows the change soon after it (and not at all while the page is in the background).
 */
const REFRESH_MS = 10_000;

export function accountQuotaQueryKey(accountId: string) {
  return ['accounts', accountId, 'quota'] as const;
}

export async function getAccountQuota(accountId: string): Promise<AccountQuota> {
  const { data } = await sdk.getAccountQuota({ path: { account_id: accountId } });
  return data;
}

export function getAccountQuotaQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: accountQuotaQueryKey(accountId),
    queryFn: () => getAccountQuota(accountId),
    refetchInterval: REFRESH_MS,
  });
}

/** The account's quotas and what its last measurement found used of them, with each bucket's. */
export function useAccountQuota(accountId: string) {
  return useQuery(getAccountQuotaQueryOptions(accountId));
}
