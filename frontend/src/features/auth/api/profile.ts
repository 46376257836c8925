import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { OwnPasswordChange, RecoveryCodes } from '@/client/types.gen';

export async function changeOwnPassword(body: OwnPasswordChange): Promise<void> {
  await sdk.changeOwnPassword({ body });
}

/** The current password is needed; the person's other sessions end, this one goes on. */
export function useChangeOwnPassword() {
  return useMutation({ mutationFn: changeOwnPassword });
}

export async function newRecoveryCodes(code: string): Promise<RecoveryCodes> {
  const { data } = await sdk.newRecoveryCodes({ body: { code } });
  return data;
}

/** Ten new codes for a TOTP code; kept only in the mutation's result, never in the query cache. */
export function useNewRecoveryCodes() {
  return useMutation({ mutationFn: newRecoveryCodes, gcTime: 0 });
}
