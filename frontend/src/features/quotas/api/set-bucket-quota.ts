import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountQuota, BucketQuotaChange } from '@/client/types.gen';

import { accountQuotaQueryKey } from './get-account-quota';

export async function setBucketQuota({
  accountId,
  bucket,
  body,
}: {
  accountId: string;
  bucket: string;
  body: BucketQuotaChange;
}): Promise<AccountQuota> {
  const { data } = await sdk.setBucketQuota({ path: { account_id: accountId, bucket }, body });
  return data;
}

/** Sets or (`quota_bytes` null) removes a bucket's quota; the answer is the account's quotas as now enforced. */
export function useSetBucketQuota() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setBucketQuota,
    onSuccess: (quota) => queryClient.setQueryData(accountQuotaQueryKey(quota.account_id), quota),
  });
}
