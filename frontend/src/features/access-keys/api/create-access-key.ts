import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { CreatedAccessKey, StepUpRequest } from '@/client/types.gen';

import { accessKeysChanged } from './access-keys-changed';
import type { KeyOwner } from './list-access-keys';

/** Whose key, and the caller's fresh factor (their TOTP code, or their password if they have no MFA). */
export type NewAccessKey = KeyOwner & { stepUp: StepUpRequest };

export async function createAccessKey({ accountId, userId, stepUp }: NewAccessKey): Promise<CreatedAccessKey> {
  const { data } = await sdk.createAccessKey({ path: { account_id: accountId, user_id: userId }, body: stepUp });
  return data;
}

/**
 * The answer is the only place the secret ever appears. It stays in this mutation's result, which
 * the caller shows once and then clears with `reset()`; `gcTime: 0` drops the finished mutation from
 * the mutation cache as soon as nothing observes it. It is never written into the query cache: the
 * list is fetched again instead.
 */
export function useCreateAccessKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccessKey,
    gcTime: 0,
    // Also after a refusal: a 409 "at most 2 keys" means the list on screen is out of date. A wrong
    // code (401 `invalid-code`) is a refusal like a wrong password, not a lost session.
    onSettled: (_created, _error, owner) => accessKeysChanged(queryClient, owner),
  });
}
