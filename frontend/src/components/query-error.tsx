import { Button, Stack } from '@mantine/core';

import { FormError } from './form-error';

/** A list or page that could not be fetched: the server's reason and a way to ask again. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Stack align="flex-start">
      <FormError error={error} />
      <Button variant="light" onClick={onRetry}>
        Try again
      </Button>
    </Stack>
  );
}
