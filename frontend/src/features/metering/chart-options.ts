import { alpha, type MantineColor, type MantineTheme } from '@mantine/core';
import type uPlot from 'uplot';

import { formatDate, formatDateTime, formatPreciseDateTime } from '@/lib/dates';
import type { Unit } from '@/lib/units';

/** One line of a chart: its name in the legend, its colour (from the theme) and how its values read. */
export type ChartLine = {
  /** What the line is, in the legend: "PUT requests", "95th percentile". */
  label: string;
  /** The name of the axis the line is read on ("Requests per second"); the first line of an axis names it. */
  axis: string;
  color: MantineColor;
  unit: Unit;
  /** On a second axis, at the right (a second quantity, e.g. objects beside bytes). */
  right?: boolean;
  dashed?: boolean;
  /** Shade the area under the line. */
  filled?: boolean;
};

/** The time a chart shows, from and to, in epoch seconds. */
export type TimeSpan = [number, number];

/** The height of the plot with its axes; the legend goes below it. */
export const CHART_HEIGHT = 220;

const NO_VALUE = '—';

/**
 * The value a legend shows: the hovered interval's, or the newest interval's while the pointer is
 * elsewhere (`idx` null), so the legend always says something.
 */
function shownValue(chart: uPlot, seriesIdx: number, idx: number | null): number | null | undefined {
  const values = chart.data[seriesIdx];
  return values[idx ?? values.length - 1];
}

/** The start of an interval to the second, minute or day, as fine as the intervals are. */
function formatIntervalStart(seconds: number, intervalSeconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  if (intervalSeconds < 60) return formatPreciseDateTime(iso);
  if (intervalSeconds < 86_400) return formatDateTime(iso);
  return formatDate(iso);
}

/** The scheme a chart is drawn for: a canvas takes no CSS variables, so its colours are chosen here. */
export type ChartScheme = 'light' | 'dark';

/** Axis labels, grid and ticks that read on the scheme's background. */
function axisColours(theme: MantineTheme, scheme: ChartScheme) {
  return scheme === 'dark'
    ? { text: theme.colors.dark[0], grid: theme.colors.dark[4], ticks: theme.colors.dark[3] }
    : { text: theme.colors.gray[7], grid: theme.colors.gray[2], ticks: theme.colors.gray[3] };
}

function axis(theme: MantineTheme, scheme: ChartScheme, line: ChartLine, scale: string, side: 'left' | 'right'): uPlot.Axis {
  const { unit } = line;
  const { tickSteps } = unit;
  const colours = axisColours(theme, scheme);
  return {
    scale,
    label: line.axis,
    labelFont: `12px ${theme.fontFamily}`,
    labelSize: 20,
    side: side === 'left' ? 3 : 1,
    stroke: colours.text,
    font: `12px ${theme.fontFamily}`,
    grid: side === 'left' ? { stroke: colours.grid, width: 1 } : { show: false },
    ticks: { stroke: colours.ticks, width: 1 },
    values: (chart, ticks) => unit.formatTicks(ticks, chart.scales[scale].max ?? Math.max(...ticks)),
    // Wide enough for the longest tick label of 12px digits.
    size: (_chart, values) => (values?.length ? Math.max(...values.map((value) => value.length)) * 7 + 16 : 40),
    ...(tickSteps && { incrs: (_chart: uPlot, _axisIdx: number, _min: number, max: number) => tickSteps(max) }),
  };
}

/** From zero up, with a little room above the highest value; 0 to 1 when there is nothing yet. */
const fromZero: uPlot.Range.Function = (_chart, _min, max) => [0, max > 0 ? max * 1.05 : 1];

/**
 * uPlot's options for a time series chart of these lines: colours and font from the Mantine theme,
 * axes and legend in each line's unit, gaps where a value is null. The lines not on the right share
 * the left axis and so their unit. The width is the chart component's to set.
 */
export function chartOptions(
  theme: MantineTheme,
  lines: readonly ChartLine[],
  scheme: ChartScheme = 'light',
  span?: TimeSpan,
): Omit<uPlot.Options, 'width'> {
  const left = lines.find((line) => !line.right);
  const right = lines.find((line) => line.right);
  const colours = axisColours(theme, scheme);
  const axes: uPlot.Axis[] = [
    {
      label: 'Your local time',
      labelFont: `12px ${theme.fontFamily}`,
      labelSize: 20,
      stroke: colours.text,
      font: `12px ${theme.fontFamily}`,
      grid: { stroke: colours.grid, width: 1 },
      ticks: { stroke: colours.ticks, width: 1 },
    },
  ];
  if (left) axes.push(axis(theme, scheme, left, 'y', 'left'));
  if (right) axes.push(axis(theme, scheme, right, 'y2', 'right'));
  // Every chart of a page spans the same time, so their lines line up however coarse their samples.
  const x: uPlot.Scale = span ? { time: true, range: () => span } : { time: true };

  return {
    height: CHART_HEIGHT,
    scales: { x, y: { range: fromZero }, ...(right && { y2: { range: fromZero } }) },
    axes,
    series: [
      {
        label: 'Interval from',
        value: (chart, _start, _seriesIdx, idx) => {
          const starts = chart.data[0];
          const start = starts[idx ?? starts.length - 1];
          const intervalSeconds = starts.length > 1 ? starts[1] - starts[0] : 60;
          return start === undefined ? NO_VALUE : formatIntervalStart(start, intervalSeconds);
        },
      },
      ...lines.map((line): uPlot.Series => {
        const stroke = theme.colors[line.color][6];
        return {
          label: line.label,
          scale: line.right ? 'y2' : 'y',
          stroke,
          width: 2,
          ...(line.dashed && { dash: [6, 4] }),
          ...(line.filled && { fill: alpha(stroke, 0.12) }),
          value: (chart, _value, seriesIdx, idx) => {
            const value = shownValue(chart, seriesIdx, idx);
            return value === null || value === undefined ? NO_VALUE : line.unit.format(value);
          },
        };
      }),
    ],
  };
}

/** True when some value of some line (not the times) is neither null nor zero. */
export function hasValues(data: uPlot.AlignedData): boolean {
  return data.slice(1).some((values) => Array.from(values).some((value) => value !== null && value !== undefined && value !== 0));
}
