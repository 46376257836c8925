import type { AuditQuery } from './list-audit-events';

const EXPORT_URL = '/api/v1/audit/export.csv';

/**
 * The CSV of the events matching the filters, as a plain link: the browser downloads it with the
 * session cookie, so no copy of it passes through this page's memory.
 */
export function auditExportHref(query: AuditQuery): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name !== 'cursor' && name !== 'limit' && value !== undefined && value !== null && value !== '') {
      params.set(name, String(value));
    }
  }
  const search = params.toString();
  return search ? `${EXPORT_URL}?${search}` : EXPORT_URL;
}
