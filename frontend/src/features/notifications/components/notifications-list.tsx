import { Anchor, Badge, Button, Card, EmptyState, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/dates';

import { useMarkNotificationsRead, useNotifications } from '../api/notifications';

const LEVELS = {
  warning: { label: 'Warning', color: 'yellow' },
  critical: { label: 'Critical', color: 'orange' },
  exceeded: { label: 'Exceeded', color: 'red' },
} as const;

/** The person's quota alerts, newest first; unread ones are marked until "Mark all as read". */
export function NotificationsList() {
  const notifications = useNotifications();
  const markRead = useMarkNotificationsRead();

  if (notifications.isPending) return <PageLoader label="Loading notifications…" />;
  if (notifications.isError) {
    return <QueryError error={notifications.error} onRetry={() => void notifications.refetch()} />;
  }
  const { items, unread } = notifications.data;
  return (
    <Stack>
      <Group>
        <Button variant="light" onClick={() => markRead.mutate()} loading={markRead.isPending} disabled={unread === 0}>
          Mark all as read
        </Button>
        <Text size="sm" c="dimmed">{`${unread} unread`}</Text>
      </Group>
      <FormError error={markRead.error} />
      {items.length === 0 && <EmptyState title="No notifications" description="Quota alerts will appear here." />}
      {items.map((item) => (
        <Card key={item.id} withBorder padding="sm" bg={item.read ? undefined : 'var(--mantine-color-blue-light)'}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Group gap="xs">
                <Badge color={LEVELS[item.level].color}>{LEVELS[item.level].label}</Badge>
                {!item.read && (
                  <Text size="xs" fw={700}>
                    New
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time>
                </Text>
              </Group>
              <Text size="sm">{item.message}</Text>
            </Stack>
            <Anchor component={Link} to={paths.accountUsage.getHref(item.account_id)} size="sm">
              View usage
            </Anchor>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
