import { queryOptions } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { RequestSeries } from '@/client/types.gen';

import type { RequestSeriesQuery } from './get-account-request-series';
import { PLATFORM_SCOPE, usageQueryKey } from '../usage-scope';

export async function getPlatformRequestSeries(query: RequestSeriesQuery): Promise<RequestSeries> {
  const { data } = await sdk.getPlatformRequestSeries({ query });
  return data;
}

/** Requests per second by operation, bandwidth and latency of the whole platform (platform roles). */
export function getPlatformRequestSeriesQueryOptions(query: RequestSeriesQuery) {
  return queryOptions({
    queryKey: [...usageQueryKey(PLATFORM_SCOPE), 'requests', query],
    queryFn: () => getPlatformRequestSeries(query),
  });
}
