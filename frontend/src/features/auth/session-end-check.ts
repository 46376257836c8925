import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { meQueryKey } from './api/get-me';

const GRACE_MS = 2_000;
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Asks the server again just after the session would end, so an idle user is sent to sign-in
 * on time. Activity renews the session on the server; `me` then answers with the new end and
 * the check moves along with it.
 */
export function useSessionEndCheck(expiresAt: string): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    const delay = Math.min(Math.max(Date.parse(expiresAt) - Date.now(), 0) + GRACE_MS, MAX_TIMEOUT_MS);
    const timer = window.setTimeout(() => void queryClient.invalidateQueries({ queryKey: meQueryKey }), delay);
    return () => window.clearTimeout(timer);
  }, [expiresAt, queryClient]);
}
