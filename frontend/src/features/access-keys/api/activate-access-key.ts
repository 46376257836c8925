import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

import { accessKeysChanged } from './access-keys-changed';
import type { KeyRef } from './deactivate-access-key';

export async function activateAccessKey({ accountId, userId, accessKeyId }: KeyRef): Promise<void> {
  await sdk.activateAccessKey({ path: { account_id: accountId, user_id: userId, access_key_id: accessKeyId } });
}

/** The key works against S3 again; the list is fetched again either way. */
export function useActivateAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: activateAccessKey,
    onSettled: (_data, _error, key) => accessKeysChanged(queryClient, key),
  });
}
