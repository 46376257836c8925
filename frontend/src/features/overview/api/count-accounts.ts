import { useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountCounts } from '@/client/types.gen';
import { accountsQueryKey } from '@/features/accounts/api/list-accounts';

export async function countAccounts(): Promise<AccountCounts> {
  const { data } = await sdk.countAccounts();
  return data;
}

/** How many accounts are in each status (under the accounts key, so a change to any account refreshes it). */
export function useAccountCounts() {
  return useQuery({ queryKey: [...accountsQueryKey, 'counts'], queryFn: countAccounts });
}
