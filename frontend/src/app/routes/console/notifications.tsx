import { Stack, Title } from '@mantine/core';

import { NotificationsList } from '@/features/notifications/components/notifications-list';

export default function NotificationsRoute() {
  return (
    <Stack>
      <Title order={1}>Notifications</Title>
      <NotificationsList />
    </Stack>
  );
}
