import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { LoginRequest, SignInStep } from '@/client/types.gen';

export async function signIn(body: LoginRequest): Promise<SignInStep> {
  const { data } = await sdk.signIn({ body });
  return data;
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn });
}
