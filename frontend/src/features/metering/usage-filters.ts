import { useCallback } from 'react';

import { useUrlParams, withValues } from '@/lib/url-params';

import { DEFAULT_RESOLUTION, isResolution, type Resolution } from './resolutions';

/** The interval of every chart and the one bucket they show (null: all of the account's). */
export type UsageFilters = { resolution: Resolution; bucket: string | null };

/** The usage views' interval and bucket live in the address bar, so a view can be reloaded and shared. */
export function useUsageFilters(): [UsageFilters, (change: Partial<UsageFilters>) => void] {
  const [searchParams, change] = useUrlParams();
  const interval = searchParams.get('interval');
  const filters: UsageFilters = {
    resolution: isResolution(interval) ? interval : DEFAULT_RESOLUTION,
    bucket: searchParams.get('bucket') || null,
  };

  const update = useCallback(
    (changed: Partial<UsageFilters>) =>
      change((next) => {
        if (changed.resolution !== undefined) {
          withValues(next, { interval: changed.resolution === DEFAULT_RESOLUTION ? null : changed.resolution });
        }
        if (changed.bucket !== undefined) withValues(next, { bucket: changed.bucket });
      }),
    [change],
  );

  return [filters, update];
}
