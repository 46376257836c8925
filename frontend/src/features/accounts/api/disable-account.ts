import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountDetail } from '@/client/types.gen';

import { accountChanged } from './account-changed';

export async function disableAccount(accountId: string): Promise<AccountDetail> {
  const { data } = await sdk.disableAccount({ path: { account_id: accountId } });
  return data;
}

/** Stops the account's sign-ins, sessions and access keys. */
export function useDisableAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableAccount,
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}
