import type { CapacitySeries, RequestSeries } from '@/client/types.gen';

/** The last 24 hours, an interval an hour: what every overview card with a trend asks for. */
export const LAST_DAY = { resolution: '1h', count: 24 } as const;

/** The x values of a series as uPlot takes them: epoch seconds of each interval's start. */
export function seriesTimes(points: readonly { start: string }[]): number[] {
  return points.map((point) => Date.parse(point.start) / 1000);
}

/** Requests over the whole series (the last 24 hours when asked for 24 intervals of an hour). */
export function totalRequests(series: RequestSeries | undefined): number | null {
  return series ? series.points.reduce((sum, point) => sum + point.requests, 0) : null;
}

/** The newest capacity sample in the series, if any was taken. */
export function latestCapacity(series: CapacitySeries | undefined) {
  const measured = series?.points.filter((point) => point.bytes_used !== null) ?? [];
  return measured.at(-1) ?? null;
}
