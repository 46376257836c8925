import { Box, EmptyState, Paper, Skeleton, Text, useComputedColorScheme, useMantineTheme } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useMemo, type ReactNode } from 'react';
import type uPlot from 'uplot';

import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';

import { UPlotChart } from './uplot-chart';
import { chartOptions, CHART_HEIGHT, hasValues, type ChartLine, type TimeSpan } from '../chart-options';

type UsageFigureProps<T> = {
  /** The figure's caption and accessible name. */
  title: string;
  /** Said under the title, e.g. that this chart is coarser than the interval chosen. */
  note?: string;
  query: UseQueryResult<T>;
  lines: readonly ChartLine[];
  /** The chart's columns from the answer: the interval starts (epoch seconds), then one per line. A stable function. */
  toData: (answer: T) => uPlot.AlignedData;
  /** The time shown, shared by the charts of a page; the data's own otherwise. */
  span?: TimeSpan;
};

/**
 * One chart as a captioned figure, with its loading, failed and empty states. The chart on screen
 * stays (marked busy) while another interval or bucket loads.
 */
export function UsageFigure<T>({ title, note, query, lines, toData, span }: UsageFigureProps<T>) {
  const theme = useMantineTheme();
  const titleId = useId();
  const scheme = useComputedColorScheme('light');
  const [from, to] = span ?? [];
  const options = useMemo(
    () => chartOptions(theme, lines, scheme, from !== undefined && to !== undefined ? [from, to] : undefined),
    [theme, lines, scheme, from, to],
  );
  const data = useMemo(() => (query.data === undefined ? undefined : toData(query.data)), [query.data, toData]);

  let body: ReactNode;
  if (query.isPending) {
    body = <Skeleton h={CHART_HEIGHT} role="status" aria-label={`Loading ${title.toLowerCase()}…`} />;
  } else if (query.isError) {
    body = <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  } else if (!data || !hasValues(data)) {
    body = (
      <EmptyState
        mih={CHART_HEIGHT}
        title="No usage recorded yet"
        description="The figures appear here once the storage is used."
      />
    );
  } else {
    body = <UPlotChart options={options} data={data} />;
  }

  return (
    <Paper
      component="figure"
      withBorder
      p="md"
      m={0}
      miw={0}
      aria-labelledby={titleId}
      aria-busy={query.isPlaceholderData}
    >
      <Box component="figcaption" mb="sm">
        <Text id={titleId} fw={600}>
          {title}
        </Text>
        {from !== undefined && to !== undefined && (
          <Text size="xs" c="dimmed" data-testid="chart-span">
            {`${formatDateTime(new Date(from * 1000).toISOString())} to ${formatDateTime(new Date(to * 1000).toISOString())}`}
          </Text>
        )}
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
      </Box>
      {body}
    </Paper>
  );
}
