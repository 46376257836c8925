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

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** A server timestamp as the reader's local date. */
export function formatDate(value: string): string {
  return day.format(new Date(value));
}

/** A day as an `<input type="date">` holds it (`2025-01-31`), in the reader's calendar. */
export function toDateInput(date: Date): string {
  const pad = (part: number) => String(part).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Whole days from one `<input type="date">` value to another (negative when `end` is earlier); NaN when either is empty. */
export function daysBetween(start: string, end: string): number {
  return (Date.parse(end) - Date.parse(start)) / 86_400_000;
}
