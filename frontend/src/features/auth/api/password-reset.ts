import { useMutation, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ResetAsked, ResetComplete, ResetLinkInfo } from '@/client/types.gen';

export async function askPasswordReset(username: string): Promise<ResetAsked> {
  const { data } = await sdk.askPasswordReset({ body: { username } });
  return data;
}

/** Public: mails a link when the name is known; the answer is the same either way. */
export function useAskPasswordReset() {
  return useMutation({ mutationFn: askPasswordReset });
}

export async function inspectPasswordReset(token: string): Promise<ResetLinkInfo> {
  const { data } = await sdk.inspectPasswordReset({ body: { token } });
  return data;
}

/** Whose link it is and whether the authenticator code is needed; looking does not use the link up. */
export function useResetLink(token: string) {
  return useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => inspectPasswordReset(token),
    enabled: token !== '',
    retry: false,
    staleTime: Infinity,
  });
}

export async function completePasswordReset(body: ResetComplete): Promise<void> {
  await sdk.completePasswordReset({ body });
}

export function useCompletePasswordReset() {
  return useMutation({ mutationFn: completePasswordReset });
}
