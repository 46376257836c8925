import { client } from '@/client/client.gen';

import { ApiError, toApiError } from './api-error';

type SessionEndedListener = (error: ApiError) => void;

let sessionEndedListener: SessionEndedListener | undefined;

/**
 * The one place that reacts to a 401 meaning "no session": it tells the listener the app
 * registered (which clears the cache and routes to sign-in). Every error leaves here as an ApiError.
 */
client.interceptors.error.use((error, response) => {
  const apiError = toApiError(error, response);
  if (apiError.sessionEnded) sessionEndedListener?.(apiError);
  return apiError;
});

/** Registers what to do when the session has ended; returns the function that unregisters it. */
export function onSessionEnded(listener: SessionEndedListener): () => void {
  sessionEndedListener = listener;
  return () => {
    if (sessionEndedListener === listener) sessionEndedListener = undefined;
  };
}
