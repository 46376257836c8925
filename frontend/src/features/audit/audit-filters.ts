import { useCallback } from 'react';

import { localInputToIso } from '@/lib/dates';
import { useUrlParams, withValues } from '@/lib/url-params';

import type { AuditQuery } from './api/list-audit-events';

/** As typed: `from` and `to` are the reader's local date and time (`2025-01-31T14:00`). */
export type AuditFilters = { actor: string; account: string; action: string; from: string; to: string };

const NAMES = ['actor', 'account', 'action', 'from', 'to'] as const;

/** The audit log's filters live in the address bar, so a filtered view can be reloaded and shared. */
export function useAuditFilters(): [AuditFilters, (change: Partial<AuditFilters>) => void] {
  const [searchParams, change] = useUrlParams();
  const filters = Object.fromEntries(NAMES.map((name) => [name, searchParams.get(name) ?? ''])) as AuditFilters;

  const update = useCallback(
    (changed: Partial<AuditFilters>) => change((next) => withValues(next, changed)),
    [change],
  );

  return [filters, update];
}

/**
 * The filters as the API takes them. An account's own people are always confined to their account
 * by the server, so the account filter is not sent for them.
 */
export function auditQuery(filters: AuditFilters, withAccount: boolean): AuditQuery {
  return {
    actor: filters.actor.trim() || undefined,
    account_id: withAccount ? filters.account.trim() || undefined : undefined,
    action: filters.action.trim() || undefined,
    since: localInputToIso(filters.from),
    until: localInputToIso(filters.to),
  };
}
