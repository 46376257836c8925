/**
 * Measured quantities in words people read: sizes, bandwidth, request rates, latency, counts and
 * shares. Every view (cards, tables, chart axes and legends) formats them here, so a figure reads
 * the same wherever it appears.
 */

const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const twoSignificant = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** About three significant digits, never as an exponent: `1,234`, `12.5`, `1.25`, `0.012`. */
function formatNumber(value: number): string {
  const size = Math.abs(value);
  if (size === 0 || size >= 100) return whole.format(value);
  if (size >= 10) return oneDecimal.format(value);
  if (size >= 1) return twoDecimals.format(value);
  return twoSignificant.format(value);
}

/** How a chart axis shows a quantity: every tick in the one unit that suits the top of the axis. */
export type Unit = {
  /** One value in the unit that suits it, e.g. `1.5 GiB`. */
  format: (value: number) => string;
  /** The ticks of an axis whose top is `top`, all in the unit that suits `top`. */
  formatTicks: (ticks: readonly number[], top: number) => string[];
  /** Distances between ticks that are round numbers in that unit; none: the chart's own (1, 2, 5 × 10ⁿ). */
  tickSteps?: (top: number) => number[];
};

/** Round tick distances within one unit (a binary unit's 0.25 and 0.5 are 256 and 512 of the unit below). */
const ROUND_STEPS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10, 20, 25, 50, 100, 200, 250, 500];

/** A quantity with a ladder of units, each `base` times the one before: B, KiB, MiB… */
function unitLadder(names: readonly string[], base: number): Unit {
  const scaleOf = (value: number) => {
    let step = 0;
    let divisor = 1;
    while (Math.abs(value) >= divisor * base && step < names.length - 1) {
      divisor *= base;
      step += 1;
    }
    return { divisor, name: names[step] };
  };
  const inScale = (value: number, { divisor, name }: { divisor: number; name: string }) =>
    `${formatNumber(value / divisor)} ${name}`;
  return {
    format: (value) => inScale(value, scaleOf(value)),
    formatTicks: (ticks, top) => {
      const scale = scaleOf(top);
      return ticks.map((tick) => inScale(tick, scale));
    },
    tickSteps: (top) => {
      const { divisor } = scaleOf(top);
      return ROUND_STEPS.map((step) => step * divisor);
    },
  };
}

/** A quantity shown in one unit whatever its size: `12.5 ms`, `0.25 req/s`. */
function singleUnit(name: string): Unit {
  const format = (value: number) => `${formatNumber(value)} ${name}`;
  return { format, formatTicks: (ticks) => ticks.map(format) };
}

const INTEGER_STEPS = Array.from({ length: 13 }, (_, power) => [1, 2, 5].map((step) => step * 10 ** power)).flat();

/** Sizes in binary units: `512 B`, `1.5 GiB`. */
export const BYTES: Unit = unitLadder(['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'], 1024);

/** Bandwidth in binary units per second: `12 B/s`, `3.4 MiB/s`. */
export const BYTES_PER_SECOND: Unit = unitLadder(['B/s', 'KiB/s', 'MiB/s', 'GiB/s', 'TiB/s'], 1024);

/** Requests per second: `0.25 req/s`. */
export const REQUESTS_PER_SECOND: Unit = singleUnit('req/s');

/** Latency in milliseconds: `12.5 ms`. */
export const MILLISECONDS: Unit = singleUnit('ms');

/** Whole things (objects, requests): grouped digits, short (`1.2K`) on an axis, whole ticks only. */
export const COUNT: Unit = {
  format: (value) => whole.format(value),
  formatTicks: (ticks) => ticks.map((tick) => compact.format(tick)),
  tickSteps: () => INTEGER_STEPS,
};

/** A byte count in the largest binary unit that keeps it at 1 or more, e.g. `1.5 GiB`. */
export function formatBytes(bytes: number): string {
  return BYTES.format(bytes);
}

export function formatBytesPerSecond(bytesPerSecond: number): string {
  return BYTES_PER_SECOND.format(bytesPerSecond);
}

export function formatRequestsPerSecond(requestsPerSecond: number): string {
  return REQUESTS_PER_SECOND.format(requestsPerSecond);
}

export function formatMilliseconds(milliseconds: number): string {
  return MILLISECONDS.format(milliseconds);
}

/** A count of things (objects, users, requests) with the reader's digit grouping. */
export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** A count with its noun, singular for exactly one: "1 object", "2,048 objects". */
export function formatCountOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}

/** A share given as a fraction (0.125) as a percentage (`12.5%`). */
export function formatPercent(fraction: number): string {
  return percent.format(fraction);
}
