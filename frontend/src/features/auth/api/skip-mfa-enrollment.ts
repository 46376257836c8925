import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { MfaSkipRequest, SignedIn } from '@/client/types.gen';

import { meQueryKey } from './get-me';

export async function skipMfaEnrollment(body: MfaSkipRequest): Promise<SignedIn> {
  const { data } = await sdk.skipMfaEnrollment({ body });
  return data;
}

/**
 * Opens the session without MFA where neither the platform nor the account requires it (no recovery
 * codes then); a 403 `mfa-required` means that changed since the step began.
 */
export function useSkipMfaEnrollment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: skipMfaEnrollment,
    onSuccess: (signedIn) => queryClient.setQueryData(meQueryKey, signedIn.me),
  });
}
