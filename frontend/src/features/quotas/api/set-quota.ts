import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountQuota } from '@/client/types.gen';

import { accountQuotaQueryKey } from './get-account-quota';

export type QuotaChange = {
  /** null: the whole account; otherwise one of its buckets. */
  bucket: string | null;
  quota_bytes: number | null;
  quota_objects: number | null;
  warning_percent: number;
  critical_percent: number;
};

export async function setQuota(accountId: string, change: QuotaChange): Promise<AccountQuota> {
  const { bucket, quota_objects, ...limits } = change;
  if (bucket === null) {
    const { data } = await sdk.setAccountQuota({ path: { account_id: accountId }, body: { ...limits, quota_objects } });
    return data;
  }
  const { data } = await sdk.setBucketQuota({ path: { account_id: accountId, bucket }, body: limits });
  return data;
}

/** Sets the account's or a bucket's quota; the answer is the enforcement now in force. */
export function useSetQuota(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: QuotaChange) => setQuota(accountId, change),
    onSuccess: (quota) => queryClient.setQueryData(accountQuotaQueryKey(accountId), quota),
  });
}
