import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

export async function signOutEverywhere(): Promise<void> {
  await sdk.signOutEverywhere();
}

/** Ends every session of this user, on every device, and forgets everything fetched here. */
export function useSignOutEverywhere({ onSuccess }: { onSuccess: () => void }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOutEverywhere,
    onSuccess: () => {
      queryClient.clear();
      onSuccess();
    },
  });
}
