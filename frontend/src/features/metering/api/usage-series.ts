import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { getAccountCapacitySeriesQueryOptions, type CapacitySeriesQuery } from './get-account-capacity-series';
import { getAccountRequestSeriesQueryOptions, type RequestSeriesQuery } from './get-account-request-series';
import { getPlatformCapacitySeriesQueryOptions } from './get-platform-capacity-series';
import { getPlatformRequestSeriesQueryOptions } from './get-platform-request-series';
import { usageQueryKey, type UsageScope } from '../usage-scope';

type SeriesOptions = { refetchInterval: number | false };

/**
 * The request series of an account or of the platform. The chart on screen stays while another
 * interval or bucket loads; `refetchInterval` asks again on its own (auto-refresh).
 */
export function useRequestSeries(scope: UsageScope, query: RequestSeriesQuery, { refetchInterval }: SeriesOptions) {
  const options =
    scope.accountId === null
      ? getPlatformRequestSeriesQueryOptions(query)
      : getAccountRequestSeriesQueryOptions(scope.accountId, query);
  return useQuery({ ...options, placeholderData: keepPreviousData, refetchInterval });
}

/** The capacity series of an account or of the platform, as `useRequestSeries`. */
export function useCapacitySeries(scope: UsageScope, query: CapacitySeriesQuery, { refetchInterval }: SeriesOptions) {
  const options =
    scope.accountId === null
      ? getPlatformCapacitySeriesQueryOptions(query)
      : getAccountCapacitySeriesQueryOptions(scope.accountId, query);
  return useQuery({ ...options, placeholderData: keepPreviousData, refetchInterval });
}

/** Asks again for every series of the scope on screen, fresh or not. */
export function useRefreshUsage(scope: UsageScope) {
  const queryClient = useQueryClient();
  const { accountId } = scope;
  return useCallback(
    () => queryClient.refetchQueries({ queryKey: usageQueryKey({ accountId }), type: 'active' }),
    [queryClient, accountId],
  );
}
