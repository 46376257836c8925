import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { MfaEnrollment, OwnMfaStart } from '@/client/types.gen';

import { meQueryKey } from './get-me';

export async function startOwnMfaEnrollment(body: OwnMfaStart): Promise<MfaEnrollment> {
  const { data } = await sdk.startOwnMfaEnrollment({ body });
  return data;
}

/**
 * A new TOTP secret for someone who put MFA off, for their current password. The secret stays in
 * this mutation's result only (valid 10 minutes on the server). A 409 `mfa-enrolled` means it was
 * set up meanwhile (e.g. in another tab): `me` is fetched again so the profile shows that.
 */
export function useStartOwnMfaEnrollment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startOwnMfaEnrollment,
    gcTime: 0,
    onError: async (error) => {
      if (error.kind === 'mfa-enrolled') await queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
