const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** A server timestamp as the reader's local date and time. */
export function formatDateTime(value: string): string {
  return dateTime.format(new Date(value));
}

/** A server timestamp as the reader's local time of day. */
export function formatTime(value: string): string {
  return time.format(new Date(value));
}
