/** Bytes in one GiB: quotas are entered in GiB and sent in bytes. */
export const GIB = 1024 ** 3;

export function gibToBytes(gib: number): number {
  return Math.round(gib * GIB);
}

/**
 * A number of GiB typed in a NumberInput as bytes; null when empty. The input hands over a number,
 * or the text as typed where a number would change it (`1.`, `1.50`, 14 digits or more), or ''.
 */
export function quotaInputToBytes(value: number | string): number | null {
  if (typeof value === 'number') return gibToBytes(value);
  const text = value.trim();
  const gib = Number(text);
  return text && Number.isFinite(gib) ? gibToBytes(gib) : null;
}

/**
 * A quota in bytes as a NumberInput of GiB shows it ('' for none). GiB are a power of two, so the
 * value converts back to exactly these bytes when it is saved unchanged.
 */
export function bytesToQuotaInput(bytes: number | null): number | '' {
  return bytes === null ? '' : bytes / GIB;
}
