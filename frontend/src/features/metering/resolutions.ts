import type { CapacitySeries, RequestSeries } from '@/client/types.gen';

/** The length of one interval of a series: requests are counted from 10 s up, capacity from 10 min up. */
export type Resolution = RequestSeries['resolution'];
export type CapacityResolution = CapacitySeries['resolution'];

/** The intervals offered, finest first, as the Interval control names them. */
export const RESOLUTIONS: readonly { value: Resolution; label: string }[] = [
  { value: '10s', label: '10 s' },
  { value: '1m', label: '1 min' },
  { value: '10m', label: '10 min' },
  { value: '1h', label: '1 h' },
  { value: '1d', label: '1 day' },
  { value: '1w', label: '1 week' },
];

export const DEFAULT_RESOLUTION: Resolution = '1m';

/** How many intervals each chart shows, the newest (still filling) last. */
export const POINTS = 20;

/**
 * Auto-refresh asks again every 10 s whatever the interval: request samples arrive every 10 s and the
 * newest interval keeps filling until it ends, so waiting for a whole hour or day would show stale figures.
 */
export const AUTO_REFRESH_MS = 10_000;

export function isResolution(value: string | null): value is Resolution {
  return RESOLUTIONS.some((resolution) => resolution.value === value);
}

/** Capacity is sampled every 10 minutes: finer intervals show it per 10 minutes (`clamped`). */
export function capacityResolution(resolution: Resolution): { resolution: CapacityResolution; clamped: boolean } {
  if (resolution === '10s' || resolution === '1m') return { resolution: '10m', clamped: true };
  return { resolution, clamped: false };
}
