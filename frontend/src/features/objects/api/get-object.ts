import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ObjectDetail } from '@/client/types.gen';

export async function getObject(accountId: string, bucket: string, key: string): Promise<ObjectDetail> {
  const { data } = await sdk.getObject({ path: { account_id: accountId, bucket }, query: { key } });
  return data;
}

export function getObjectQueryOptions(accountId: string, bucket: string, key: string) {
  return queryOptions({
    queryKey: ['accounts', accountId, 'buckets', bucket, 'object', key],
    queryFn: () => getObject(accountId, bucket, key),
    retry: false,
  });
}

export function useObjectDetail(accountId: string, bucket: string, key: string | null) {
  return useQuery({ ...getObjectQueryOptions(accountId, bucket, key ?? ''), enabled: key !== null });
}
