import { queryOptions } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { GetAccountRequestSeriesData, RequestSeries } from '@/client/types.gen';

import { usageQueryKey } from '../usage-scope';

export type RequestSeriesQuery = NonNullable<GetAccountRequestSeriesData['query']>;

export async function getAccountRequestSeries(accountId: string, query: RequestSeriesQuery): Promise<RequestSeries> {
  const { data } = await sdk.getAccountRequestSeries({ path: { account_id: accountId }, query });
  return data;
}

/** Requests per second by operation, bandwidth and latency of an account (or one of its buckets). */
export function getAccountRequestSeriesQueryOptions(accountId: string, query: RequestSeriesQuery) {
  return queryOptions({
    queryKey: [...usageQueryKey({ accountId }), 'requests', query],
    queryFn: () => getAccountRequestSeries(accountId, query),
  });
}
