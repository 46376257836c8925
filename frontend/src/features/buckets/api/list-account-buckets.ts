import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketList } from '@/client/types.gen';

export async function listAccountBuckets(accountId: string): Promise<BucketList> {
  const { data } = await sdk.listAccountBuckets({ path: { account_id: accountId } });
  return data;
}

export function accountBucketsQueryKey(accountId: string) {
  return ['accounts', accountId, 'buckets'] as const;
}

export function listAccountBucketsQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: accountBucketsQueryKey(accountId),
    queryFn: () => listAccountBuckets(accountId),
  });
}

export function useAccountBuckets(accountId: string) {
  return useQuery(listAccountBucketsQueryOptions(accountId));
}
