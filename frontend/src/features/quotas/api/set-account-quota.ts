import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountQuota, AccountQuotaChange } from '@/client/types.gen';

import { accountQuotaQueryKey } from './get-account-quota';

export async function setAccountQuota({
  accountId,
  body,
}: {
  accountId: string;
  body: AccountQuotaChange;
}): Promise<AccountQuota> {
  const { data } = await sdk.setAccountQuota({ path: { account_id: accountId }, body });
  return data;
}

/**
 * Sets the account's quota (bytes, optionally objects) and its alert thresholds. The server enforces
 * it at once: the answer, shown at once, says which buckets now refuse writes.
 */
export function useSetAccountQuota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setAccountQuota,
    onSuccess: (quota) => queryClient.setQueryData(accountQuotaQueryKey(quota.account_id), quota),
  });
}
