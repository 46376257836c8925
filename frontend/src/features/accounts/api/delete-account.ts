import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountDelete, AccountDetail } from '@/client/types.gen';

import { accountChanged } from './account-changed';

export async function deleteAccount({
  accountId,
  body,
}: {
  accountId: string;
  body: AccountDelete;
}): Promise<AccountDetail> {
  const { data } = await sdk.deleteAccount({ path: { account_id: accountId }, body });
  return data;
}

/** The record stays (status `deleted`); its people, keys and buckets go. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}
