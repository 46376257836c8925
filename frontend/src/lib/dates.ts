const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const preciseDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A server timestamp as the reader's local date and time. */
export function formatDateTime(value: string): string {
  return dateTime.format(new Date(value));
}

/** A server timestamp as the reader's local date and time to the second (for the audit log). */
export function formatPreciseDateTime(value: string): string {
  return preciseDateTime.format(new Date(value));
}

/** A server timestamp as the reader's local time of day. */
export function formatTime(value: string): string {
  return time.format(new Date(value));
}

/**
 * The value of an `<input type="datetime-local">` (the reader's local time, no zone) as an ISO
 * timestamp with zone for the server; undefined when empty or incomplete.
 */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
