import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketPurge } from '@/client/types.gen';
import { ApiError } from '@/lib/api-error';

import { accountBucketsQueryKey } from './list-account-buckets';

const POLL_MS = 1500;

/** The bucket's deletion with all its data; null when none was started (the API's 404). */
export async function getBucketPurge(accountId: string, bucket: string): Promise<BucketPurge | null> {
  try {
    const { data } = await sdk.getBucketPurge({ path: { account_id: accountId, bucket } });
    return data;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function bucketPurgeQueryKey(accountId: string, bucket: string) {
  return [...accountBucketsQueryKey(accountId), bucket, 'purge'] as const;
}

/** Asked again every second and a half while the purge runs, not at all once it is over. */
export function getBucketPurgeQueryOptions(accountId: string, bucket: string) {
  return queryOptions({
    queryKey: bucketPurgeQueryKey(accountId, bucket),
    queryFn: () => getBucketPurge(accountId, bucket),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? POLL_MS : false),
  });
}

export function useBucketPurge(accountId: string, bucket: string) {
  return useQuery(getBucketPurgeQueryOptions(accountId, bucket));
}
