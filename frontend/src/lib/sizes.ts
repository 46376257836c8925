/** Bytes in one GiB: quotas are entered in GiB and sent in bytes. */
export const GIB = 1024 ** 3;

export function gibToBytes(gib: number): number {
  return Math.round(gib * GIB);
}

/** A whole number of GiB typed in a NumberInput (a number, or '' when empty) as bytes; null when empty. */
export function quotaInputToBytes(value: number | string): number | null {
  return typeof value === 'number' ? gibToBytes(value) : null;
}
