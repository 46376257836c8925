import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

import { notificationsQueryKey } from './list-notifications';

export async function markNotificationsRead(): Promise<void> {
  await sdk.markNotificationsRead();
}

/** Marks every notification of the signed-in person read; the list and the header's count are asked for again. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationsRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsQueryKey }),
  });
}
