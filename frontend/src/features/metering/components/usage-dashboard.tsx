import { Stack } from '@mantine/core';
import { useState } from 'react';

import { UsageCards, type Quota } from './usage-cards';
import { UsageCharts } from './usage-charts';
import { UsageControls, type BucketChoices } from './usage-controls';
import { useCapacitySeries, useRefreshUsage, useRequestSeries } from '../api/usage-series';
import { AUTO_REFRESH_MS, capacityCount, capacityResolution, POINTS, sharedSpan } from '../resolutions';
import { useUsageFilters } from '../usage-filters';
import type { UsageScope } from '../usage-scope';

type UsageDashboardProps = {
  scope: UsageScope;
  /** An account's quota, for the "Quota used" card; none for the platform. */
  quota?: Quota;
  /** An account's buckets, to show one of them; none for the platform. */
  buckets?: BucketChoices;
};

/**
 * The overview cards, the controls and the four charts of an account's or the platform's usage.
 * Capacity follows the interval chosen but is never finer than its 10-minute samples.
 */
export function UsageDashboard({ scope, quota, buckets }: UsageDashboardProps) {
  const [filters, setFilters] = useUsageFilters();
  const [autoRefresh, setAutoRefresh] = useState(false);
  const refresh = useRefreshUsage(scope);
  const refetchInterval = autoRefresh ? AUTO_REFRESH_MS : false;
  const bucket = (buckets && filters.bucket) || undefined;
  const capacityInterval = capacityResolution(filters.resolution);
  const requests = useRequestSeries(
    scope,
    { resolution: filters.resolution, count: POINTS, bucket },
    { refetchInterval },
  );
  const capacity = useCapacitySeries(
    scope,
    { resolution: capacityInterval.resolution, count: capacityCount(filters.resolution), bucket },
    { refetchInterval },
  );

  // Every chart spans the request charts' time, capacity included (sampled every 10 minutes at least).
  const newest = requests.data?.points.at(-1)?.start;
  const span = newest ? sharedSpan(filters.resolution, Date.parse(newest) / 1000) : undefined;

  return (
    <Stack>
      <UsageCards capacity={capacity} quota={quota} bucket={bucket} />
      <UsageControls
        filters={filters}
        onChange={setFilters}
        buckets={buckets}
        autoRefresh={autoRefresh}
        onAutoRefreshChange={setAutoRefresh}
        onRefresh={() => void refresh()}
      />
      <UsageCharts requests={requests} capacity={capacity} capacityClamped={capacityInterval.clamped} span={span} />
    </Stack>
  );
}
