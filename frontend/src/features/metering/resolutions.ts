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

const SECONDS: Record<Resolution, number> = { '10s': 10, '1m': 60, '10m': 600, '1h': 3_600, '1d': 86_400, '1w': 604_800 };

/** The time the charts of one page span at this interval: POINTS intervals, the newest last. */
export function spanSeconds(resolution: Resolution): number {
  return POINTS * SECONDS[resolution];
}

/** How many capacity samples cover the same span as the request charts (at least two, to draw a line). */
export function capacityCount(resolution: Resolution): number {
  const step = SECONDS[capacityResolution(resolution).resolution];
  return Math.max(2, Math.ceil(spanSeconds(resolution) / step) + 1);
}

/** The span all charts share, ending with the newest interval (`newest`: its start, epoch seconds). */
export function sharedSpan(resolution: Resolution, newest: number): [number, number] {
  const end = newest + SECONDS[resolution];
  return [end - spanSeconds(resolution), end];
}
