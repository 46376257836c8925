import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { MfaVerifyRequest, SignedIn } from '@/client/types.gen';

import { meQueryKey } from './get-me';

export async function verifyMfa(body: MfaVerifyRequest): Promise<SignedIn> {
  const { data } = await sdk.verifyMfa({ body });
  return data;
}

/** Opens the session: the answer already says who is signed in, so `me` needs no extra request. */
export function useVerifyMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: verifyMfa,
    onSuccess: (signedIn) => queryClient.setQueryData(meQueryKey, signedIn.me),
  });
}
