import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { PasswordChangeRequest, SignInStep } from '@/client/types.gen';

export async function changeInitialPassword(body: PasswordChangeRequest): Promise<SignInStep> {
  const { data } = await sdk.changeInitialPassword({ body });
  return data;
}

export function useChangeInitialPassword() {
  return useMutation({ mutationFn: changeInitialPassword });
}
