import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketSettingsAnswer } from '@/client/types.gen';

export type BucketRef = { accountId: string; bucket: string };

export function bucketSettingsQueryKey({ accountId, bucket }: BucketRef) {
  return ['accounts', accountId, 'buckets', bucket, 'settings'] as const;
}

export async function getBucketSettings({ accountId, bucket }: BucketRef): Promise<BucketSettingsAnswer> {
  const { data } = await sdk.getBucketSettings({ path: { account_id: accountId, bucket } });
  return data;
}

export function bucketSettingsQueryOptions(ref: BucketRef) {
  return queryOptions({ queryKey: bucketSettingsQueryKey(ref), queryFn: () => getBucketSettings(ref), retry: false });
}

/** The bucket's settings; `enabled` is false for people who may not read them (the API refuses them too). */
export function useBucketSettings(ref: BucketRef, enabled = true) {
  return useQuery({ ...bucketSettingsQueryOptions(ref), enabled });
}
