import { Alert } from '@mantine/core';

import { ApiError, errorMessage } from '@/lib/api-error';

/** The server's explanation of why a request failed, in words, never as raw JSON. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  const title = error instanceof ApiError ? error.problem.title : 'Something went wrong';
  return (
    <Alert color="red" title={title} role="alert">
      {errorMessage(error)}
    </Alert>
  );
}
