import 'uplot/dist/uPlot.min.css';

import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

import classes from './uplot-chart.module.css';

type UPlotChartProps = {
  /** Everything but the width, which is the container's; a new object makes a new chart. */
  options: Omit<uPlot.Options, 'width'>;
  data: uPlot.AlignedData;
};

/**
 * A uPlot chart as wide as its container: made when `options` change, given new `data` in place,
 * resized when the container is, and destroyed with the component. Its legend (below the plot)
 * shows the values of the hovered point.
 */
export function UPlotChart({ options, data }: UPlotChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<uPlot | null>(null);
  const dataRef = useRef(data);

  useEffect(() => {
    dataRef.current = data;
    chartRef.current?.setData(data);
  }, [data]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = new uPlot({ ...options, width: container.clientWidth }, dataRef.current, container);
    chartRef.current = chart;
    const observer = new ResizeObserver(() => {
      const width = container.clientWidth;
      if (width > 0 && width !== chart.width) chart.setSize({ width, height: options.height });
    });
    observer.observe(container);
    return () => {
      observer.disconnect();
      chart.destroy();
      chartRef.current = null;
    };
  }, [options]);

  return <div ref={containerRef} className={classes.chart} />;
}
