import { SimpleGrid } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type uPlot from 'uplot';

import type { CapacitySeries, RequestSeries } from '@/client/types.gen';
import { BYTES, BYTES_PER_SECOND, COUNT, MILLISECONDS, REQUESTS_PER_SECOND } from '@/lib/units';

import { UsageFigure } from './usage-figure';
import type { ChartLine, TimeSpan } from '../chart-options';

const CAPACITY_LINES: readonly ChartLine[] = [
  { label: 'Used capacity', axis: 'Used capacity', color: 'indigo', unit: BYTES, filled: true },
  { label: 'Objects', axis: 'Objects', color: 'teal', unit: COUNT, right: true },
];

const REQUESTS = 'Requests per second';
const REQUEST_LINES: readonly ChartLine[] = [
  { label: 'PUT (uploads)', axis: REQUESTS, color: 'indigo', unit: REQUESTS_PER_SECOND },
  { label: 'GET (downloads)', axis: REQUESTS, color: 'teal', unit: REQUESTS_PER_SECOND },
  { label: 'DELETE', axis: REQUESTS, color: 'red', unit: REQUESTS_PER_SECOND },
  { label: 'LIST (listings)', axis: REQUESTS, color: 'orange', unit: REQUESTS_PER_SECOND },
  { label: 'Other requests', axis: REQUESTS, color: 'gray', unit: REQUESTS_PER_SECOND },
];

const BANDWIDTH = 'Bytes per second';
const BANDWIDTH_LINES: readonly ChartLine[] = [
  { label: 'In (written to storage)', axis: BANDWIDTH, color: 'teal', unit: BYTES_PER_SECOND, filled: true },
  { label: 'Out (read from storage)', axis: BANDWIDTH, color: 'indigo', unit: BYTES_PER_SECOND, filled: true },
];

const LATENCY = 'Time to answer';
const LATENCY_LINES: readonly ChartLine[] = [
  { label: 'Average', axis: LATENCY, color: 'indigo', unit: MILLISECONDS },
  { label: '95th percentile', axis: LATENCY, color: 'orange', unit: MILLISECONDS, dashed: true },
];

/** The interval starts as uPlot takes time: epoch seconds. */
function starts(points: readonly { start: string }[]): number[] {
  return points.map((point) => Date.parse(point.start) / 1000);
}

function capacityData({ points }: CapacitySeries): uPlot.AlignedData {
  return [starts(points), points.map((point) => point.bytes_used), points.map((point) => point.objects)];
}

function requestData({ points }: RequestSeries): uPlot.AlignedData {
  const rates = points.map((point) => point.per_second);
  return [
    starts(points),
    rates.map((rate) => rate.put),
    rates.map((rate) => rate.get),
    rates.map((rate) => rate.delete),
    rates.map((rate) => rate.list),
    rates.map((rate) => rate.other),
  ];
}

function bandwidthData({ points }: RequestSeries): uPlot.AlignedData {
  return [
    starts(points),
    points.map((point) => point.bytes_in_per_second),
    points.map((point) => point.bytes_out_per_second),
  ];
}

function latencyData({ points }: RequestSeries): uPlot.AlignedData {
  return [starts(points), points.map((point) => point.latency_avg_ms), points.map((point) => point.latency_p95_ms)];
}

/**
 * Capacity (bytes used, objects on a second axis), requests per second by operation, bandwidth and
 * latency, two a row on wide screens. `capacityClamped`: capacity is shown per 10 minutes because the
 * interval chosen is finer than its samples.
 */
export function UsageCharts({
  requests,
  capacity,
  capacityClamped,
  span,
}: {
  requests: UseQueryResult<RequestSeries>;
  capacity: UseQueryResult<CapacitySeries>;
  capacityClamped: boolean;
  /** The time all four charts show, so they line up. */
  span?: TimeSpan;
}) {
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }}>
      <UsageFigure
        title="Capacity"
        note={capacityClamped ? 'Capacity is sampled every 10 minutes.' : undefined}
        query={capacity}
        lines={CAPACITY_LINES}
        toData={capacityData}
        span={span}
      />
      <UsageFigure title="Requests per second" query={requests} lines={REQUEST_LINES} toData={requestData} span={span} />
      <UsageFigure title="Bandwidth" query={requests} lines={BANDWIDTH_LINES} toData={bandwidthData} span={span} />
      <UsageFigure title="Latency" query={requests} lines={LATENCY_LINES} toData={latencyData} span={span} />
    </SimpleGrid>
  );
}
