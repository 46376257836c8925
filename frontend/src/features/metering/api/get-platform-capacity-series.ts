import { queryOptions } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { CapacitySeries } from '@/client/types.gen';

import type { CapacitySeriesQuery } from './get-account-capacity-series';
import { PLATFORM_SCOPE, usageQueryKey } from '../usage-scope';

export async function getPlatformCapacitySeries(query: CapacitySeriesQuery): Promise<CapacitySeries> {
  const { data } = await sdk.getPlatformCapacitySeries({ query });
  return data;
}

/** Bytes used and objects of the whole platform (platform roles). */
export function getPlatformCapacitySeriesQueryOptions(query: CapacitySeriesQuery) {
  return queryOptions({
    queryKey: [...usageQueryKey(PLATFORM_SCOPE), 'capacity', query],
    queryFn: () => getPlatformCapacitySeries(query),
  });
}
