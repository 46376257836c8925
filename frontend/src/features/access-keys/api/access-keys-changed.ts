import type { QueryClient } from '@tanstack/react-query';

import { accessKeysQueryKey, type KeyOwner } from './list-access-keys';

/** After any change to a person's keys their list is fetched again (it never holds a secret). */
export async function accessKeysChanged(queryClient: QueryClient, owner: KeyOwner): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: accessKeysQueryKey(owner) });
}
