import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

import { NOTIFICATIONS_REFRESH_MS, notificationsQueryKey } from './list-notifications';

export async function countUnreadNotifications(): Promise<number> {
  const { data } = await sdk.countUnreadNotifications();
  return data.unread;
}

export function countUnreadNotificationsQueryOptions() {
  return queryOptions({
    queryKey: [...notificationsQueryKey, 'unread'],
    queryFn: countUnreadNotifications,
  });
}

/**
 * How many of the signed-in person's notifications are unread, for the header: asked every 30 s while
 * the console is in view, and again whenever its window comes back into focus.
 */
export function useUnreadNotificationCount() {
  return useQuery({
    ...countUnreadNotificationsQueryOptions(),
    refetchInterval: NOTIFICATIONS_REFRESH_MS,
    refetchOnWindowFocus: 'always',
  });
}
