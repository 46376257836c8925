import { useComputedColorScheme, useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import type uPlot from 'uplot';

import { UPlotChart } from '@/features/metering/components/uplot-chart';

const HEIGHT = 48;

/**
 * A small line of recent values, without axes or legend: the card it sits in says the figure, the
 * line only its shape. Hidden from assistive technology, which reads the card's figure instead. Until
 * the series arrives its space is kept, so the cards below do not move when it does.
 */
export function Sparkline({ times, values }: { times?: number[]; values?: (number | null)[] }) {
  const theme = useMantineTheme();
  const scheme = useComputedColorScheme('light');
  const options = useMemo<Omit<uPlot.Options, 'width'>>(
    () => ({
      height: HEIGHT,
      legend: { show: false },
      cursor: { show: false },
      axes: [{ show: false }, { show: false }],
      scales: { x: { time: true }, y: { range: (_chart, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      series: [
        {},
        {
          stroke: theme.colors[theme.primaryColor][scheme === 'dark' ? 4 : 7],
          width: 2,
          fill: `${theme.colors[theme.primaryColor][scheme === 'dark' ? 4 : 7]}22`,
        },
      ],
    }),
    [theme, scheme],
  );
  const data = useMemo<uPlot.AlignedData | undefined>(() => (times && values ? [times, values] : undefined), [times, values]);
  return (
    <div aria-hidden="true" style={{ minHeight: HEIGHT }}>
      {data && <UPlotChart options={options} data={data} />}
    </div>
  );
}
