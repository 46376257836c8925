import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountDetail } from '@/client/types.gen';

import { accountChanged } from './account-changed';

export async function retryAccountProvisioning(accountId: string): Promise<AccountDetail> {
  const { data } = await sdk.retryAccountProvisioning({ path: { account_id: accountId } });
  return data;
}

/** Runs a failed provisioning again from its first unfinished step. */
export function useRetryAccountProvisioning() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryAccountProvisioning,
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}
