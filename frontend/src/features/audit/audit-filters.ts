import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

import { localInputToIso } from '@/lib/dates';

import type { AuditQuery } from './api/list-audit-events';

/** As typed: `from` and `to` are the reader's local date and time (`2025-01-31T14:00`). */
export type AuditFilters = { actor: string; account: string; action: string; from: string; to: string };

const NAMES = ['actor', 'account', 'action', 'from', 'to'] as const;

/** The audit log's filters live in the address bar, so a filtered view can be reloaded and shared. */
export function useAuditFilters(): [AuditFilters, (change: Partial<AuditFilters>) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = Object.fromEntries(NAMES.map((name) => [name, searchParams.get(name) ?? ''])) as AuditFilters;

  const update = useCallback(
    (change: Partial<AuditFilters>) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(change)) {
            if (value) next.set(name, value);
            else next.delete(name);
          }
          return next;
        },
        { replace: true },
      ),
    [setSearchParams],
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
