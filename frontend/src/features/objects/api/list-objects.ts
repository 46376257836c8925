import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ObjectPage } from '@/client/types.gen';

export const OBJECTS_PAGE_SIZE = 200;

export async function listObjects(
  accountId: string,
  bucket: string,
  prefix: string,
  cursor: string | null,
): Promise<ObjectPage> {
  const { data } = await sdk.listObjects({
    path: { account_id: accountId, bucket },
    query: { prefix, limit: OBJECTS_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
  });
  return data;
}

/** The pages of one folder (the prefix includes the filter typed), fetched one "Load more" at a time. */
export function listObjectsQueryOptions(accountId: string, bucket: string, prefix: string) {
  return infiniteQueryOptions({
    queryKey: ['accounts', accountId, 'buckets', bucket, 'objects', prefix],
    queryFn: ({ pageParam }) => listObjects(accountId, bucket, prefix, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    retry: false,
  });
}

export function useObjects(accountId: string, bucket: string, prefix: string) {
  return useInfiniteQuery(listObjectsQueryOptions(accountId, bucket, prefix));
}
