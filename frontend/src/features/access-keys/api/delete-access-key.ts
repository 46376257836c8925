import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

import { accessKeysChanged } from './access-keys-changed';
import type { KeyRef } from './deactivate-access-key';

export async function deleteAccessKey({ accountId, userId, accessKeyId }: KeyRef): Promise<void> {
  await sdk.deleteAccessKey({ path: { account_id: accountId, user_id: userId, access_key_id: accessKeyId } });
}

/** The key is gone for good; the list is fetched again either way (a 404 means it was already gone). */
export function useDeleteAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccessKey,
    onSettled: (_data, _error, key) => accessKeysChanged(queryClient, key),
  });
}
