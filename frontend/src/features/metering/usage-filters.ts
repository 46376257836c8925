import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

import { DEFAULT_RESOLUTION, isResolution, type Resolution } from './resolutions';

/** The interval of every chart and the one bucket they show (null: all of the account's). */
export type UsageFilters = { resolution: Resolution; bucket: string | null };

/** The usage views' interval and bucket live in the address bar, so a view can be reloaded and shared. */
export function useUsageFilters(): [UsageFilters, (change: Partial<UsageFilters>) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const interval = searchParams.get('interval');
  const filters: UsageFilters = {
    resolution: isResolution(interval) ? interval : DEFAULT_RESOLUTION,
    bucket: searchParams.get('bucket') || null,
  };

  const update = useCallback(
    (change: Partial<UsageFilters>) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (change.resolution !== undefined) {
            if (change.resolution === DEFAULT_RESOLUTION) next.delete('interval');
            else next.set('interval', change.resolution);
          }
          if (change.bucket !== undefined) {
            if (change.bucket) next.set('bucket', change.bucket);
            else next.delete('bucket');
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  return [filters, update];
}
