import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { MfaConfirmRequest, SignedIn } from '@/client/types.gen';

import { meQueryKey } from './get-me';

export async function confirmMfaEnrollment(body: MfaConfirmRequest): Promise<SignedIn> {
  const { data } = await sdk.confirmMfaEnrollment({ body });
  return data;
}

/** Opens the session: the answer already says who is signed in, so `me` needs no extra request. */
export function useConfirmMfaEnrollment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: confirmMfaEnrollment,
    onSuccess: (signedIn) => queryClient.setQueryData(meQueryKey, signedIn.me),
  });
}
