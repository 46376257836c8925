import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountDetail } from '@/client/types.gen';

import { accountChanged } from './account-changed';

export async function enableAccount(accountId: string): Promise<AccountDetail> {
  const { data } = await sdk.enableAccount({ path: { account_id: accountId } });
  return data;
}

export function useEnableAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: enableAccount,
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}
