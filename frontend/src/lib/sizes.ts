const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Bytes in one GiB: quotas are entered in GiB and sent in bytes. */
export const GIB = 1024 ** 3;

const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** A byte count in the largest binary unit that keeps it at 1 or more, e.g. `1.5 GiB`. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${(unit === 0 ? whole : oneDecimal).format(value)} ${UNITS[unit]}`;
}

export function gibToBytes(gib: number): number {
  return Math.round(gib * GIB);
}

/** A whole number of GiB typed in a NumberInput (a number, or '' when empty) as bytes; null when empty. */
export function quotaInputToBytes(value: number | string): number | null {
  return typeof value === 'number' ? gibToBytes(value) : null;
}

/** A count of things (objects, users) with the reader's digit grouping. */
export function formatCount(count: number): string {
  return whole.format(count);
}
