/**
 * The account's daily usage from `start` to `end` (both days, `YYYY-MM-DD`, UTC) as CSV, as a plain
 * link: the browser downloads it with the session cookie, so no copy of it passes through this page.
 */
export function accountUsageExportHref(accountId: string, { start, end }: { start: string; end: string }): string {
  const params = new URLSearchParams({ start, end });
  return `/api/v1/accounts/${encodeURIComponent(accountId)}/usage.csv?${params.toString()}`;
}
