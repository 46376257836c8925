import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountQuota } from '@/client/types.gen';

export function accountQuotaQueryKey(accountId: string) {
  return ['accounts', accountId, 'quota'] as const;
}

export async function getAccountQuota(accountId: string): Promise<AccountQuota> {
  const { data } = await sdk.getAccountQuota({ path: { account_id: accountId } });
  return data;
}

/** The account's quotas and usage at the last sample, with each bucket's; follows the samples. */
export function useAccountQuota(accountId: string) {
  return useQuery(
    queryOptions({
      queryKey: accountQuotaQueryKey(accountId),
      queryFn: () => getAccountQuota(accountId),
      refetchInterval: 10_000,
    }),
  );
}
