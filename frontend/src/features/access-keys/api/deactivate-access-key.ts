import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

import { accessKeysChanged } from './access-keys-changed';
import type { KeyOwner } from './list-access-keys';

export type KeyRef = KeyOwner & { accessKeyId: string };

export async function deactivateAccessKey({ accountId, userId, accessKeyId }: KeyRef): Promise<void> {
  await sdk.deactivateAccessKey({ path: { account_id: accountId, user_id: userId, access_key_id: accessKeyId } });
}

/** The key stops working against S3 until it is activated again; the list is fetched again either way. */
export function useDeactivateAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deactivateAccessKey,
    onSettled: (_data, _error, key) => accessKeysChanged(queryClient, key),
  });
}
