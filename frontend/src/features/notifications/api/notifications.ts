import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

const notificationsKey = ['me', 'notifications'] as const;
const unreadKey = [...notificationsKey, 'unread'] as const;

/** The signed-in person's quota alerts, newest first. */
export function useNotifications() {
  return useQuery(
    queryOptions({
      queryKey: [...notificationsKey, 'list'],
      queryFn: async () => (await sdk.listNotifications({ query: { limit: 100 } })).data,
    }),
  );
}

/** The badge's count: asked every 30 s and whenever the window comes back into focus. */
export function useUnreadNotifications() {
  return useQuery(
    queryOptions({
      queryKey: unreadKey,
      queryFn: async () => (await sdk.countUnreadNotifications()).data.unread,
      refetchInterval: 30_000,
      refetchOnWindowFocus: true,
    }),
  );
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      await sdk.markNotificationsRead();
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
