import { Stack, Text, Title } from '@mantine/core';

import { NotificationsList } from '@/features/notifications/components/notifications-list';

/** The signed-in person's quota alerts, for everyone: the header's bell leads here. */
export default function NotificationsRoute() {
  return (
    <Stack>
      <Title order={1}>Notifications</Title>
      <Text size="sm" c="dimmed">
        Alerts when an account or a bucket you look after reaches a warning or critical share of its quota, or goes
        over it.
      </Text>
      <NotificationsList />
    </Stack>
  );
}
