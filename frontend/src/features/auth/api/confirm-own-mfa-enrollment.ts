import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { RecoveryCodes } from '@/client/types.gen';

import { meQueryKey } from './get-me';

export async function confirmOwnMfaEnrollment(code: string): Promise<RecoveryCodes> {
  const { data } = await sdk.confirmOwnMfaEnrollment({ body: { code } });
  return data;
}

/**
 * Makes the new secret the person's with a first code; the answer holds their recovery codes, kept
 * only in the mutation's result. After success (or a 409 `mfa-enrolled`) `mfa_enrolled` is true, so
 * `me` is fetched again; not awaited, so the codes are on screen before the profile learns of it.
 * A wrong code is a 401 `invalid-code`, not a lost session; a 409 `enrollment-expired` means starting again.
 */
export function useConfirmOwnMfaEnrollment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmOwnMfaEnrollment,
    gcTime: 0,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: async (error) => {
      if (error.kind === 'mfa-enrolled') await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
