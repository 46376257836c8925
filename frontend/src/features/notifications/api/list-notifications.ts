import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { Notifications } from '@/client/types.gen';

/** Every query about the signed-in person's notifications starts with this key: the list and the unread count. */
export const notificationsQueryKey = ['notifications'] as const;

/** As often as the header's unread count: the list on screen follows it. */
export const NOTIFICATIONS_REFRESH_MS = 30_000;

export async function listNotifications(limit: number): Promise<Notifications> {
  const { data } = await sdk.listNotifications({ query: { limit } });
  return data;
}

export function listNotificationsQueryOptions(limit: number) {
  return queryOptions({
    queryKey: [...notificationsQueryKey, 'list', { limit }],
    queryFn: () => listNotifications(limit),
  });
}

/** The newest of the signed-in person's quota alerts, with how many are unread; fresh each time the list is opened. */
export function useNotifications(limit: number) {
  return useQuery({
    ...listNotificationsQueryOptions(limit),
    refetchOnMount: 'always',
    refetchOnWindowFocus: 'always',
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
  });
}
