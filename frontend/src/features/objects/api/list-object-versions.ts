import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ObjectVersionList } from '@/client/types.gen';

export function objectVersionsQueryKey(accountId: string, bucket: string, key: string) {
  return ['accounts', accountId, 'buckets', bucket, 'object', key, 'versions'] as const;
}

export async function listObjectVersions(accountId: string, bucket: string, key: string): Promise<ObjectVersionList> {
  const { data } = await sdk.listObjectVersions({ path: { account_id: accountId, bucket }, query: { key } });
  return data;
}

export function objectVersionsQueryOptions(accountId: string, bucket: string, key: string) {
  return queryOptions({
    queryKey: objectVersionsQueryKey(accountId, bucket, key),
    queryFn: () => listObjectVersions(accountId, bucket, key),
    retry: false,
  });
}

/** Every version and delete marker of one object, newest first. */
export function useObjectVersions(accountId: string, bucket: string, key: string | null) {
  return useQuery({ ...objectVersionsQueryOptions(accountId, bucket, key ?? ''), enabled: key !== null });
}
