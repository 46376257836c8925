import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

export async function signOut(): Promise<void> {
  await sdk.signOut();
}

/** Ends this session and forgets everything fetched with it. */
export function useSignOut({ onSuccess }: { onSuccess: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      queryClient.clear();
      onSuccess();
    },
  });
}
