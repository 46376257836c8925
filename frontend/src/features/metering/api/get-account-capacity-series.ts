import { queryOptions } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { CapacitySeries, GetAccountCapacitySeriesData } from '@/client/types.gen';

import { usageQueryKey } from '../usage-scope';

export type CapacitySeriesQuery = NonNullable<GetAccountCapacitySeriesData['query']>;

export async function getAccountCapacitySeries(accountId: string, query: CapacitySeriesQuery): Promise<CapacitySeries> {
  const { data } = await sdk.getAccountCapacitySeries({ path: { account_id: accountId }, query });
  return data;
}

/** Bytes used and objects of an account (or one of its buckets); null where no sample fell in an interval. */
export function getAccountCapacitySeriesQueryOptions(accountId: string, query: CapacitySeriesQuery) {
  return queryOptions({
    queryKey: [...usageQueryKey({ accountId }), 'capacity', query],
    queryFn: () => getAccountCapacitySeries(accountId, query),
  });
}
