import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useNavigate } from 'react-router';

import { onSessionEnded } from '@/lib/api-client';
import { signInReturningTo } from '@/lib/return-to';

import { meQueryKey } from '../api/get-me';
import type { SignInNotice } from '../sign-in-flow';

export const SESSION_ENDED_NOTICE = 'Your session has ended. Please sign in again.';

/**
 * Reacts to the HTTP client's single 401 signal: forgets everything fetched with the old session
 * and routes to sign-in, saying why when the user had been signed in, and where they were.
 */
export function SessionEndedRedirect() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onSessionEnded((error) => {
        const wasSignedIn = queryClient.getQueryData(meQueryKey) !== undefined || error.kind === 'session-expired';
        queryClient.clear();
        const state: SignInNotice | undefined = wasSignedIn ? { notice: SESSION_ENDED_NOTICE } : undefined;
        // Back to the page the person was on once they have signed in again (a bookmark works too).
        void navigate(signInReturningTo(window.location.pathname, window.location.search), { replace: true, state });
      }),
    [navigate, queryClient],
  );

  return null;
}
