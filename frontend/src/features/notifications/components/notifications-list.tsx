import { Anchor, Badge, Button, EmptyState, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';

import type { NotificationItem } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { formatDateTime } from '@/lib/dates';

import { NotificationLevelBadge } from './notification-level-badge';
import { useNotifications } from '../api/list-notifications';
import { useMarkNotificationsRead } from '../api/mark-notifications-read';

/** The most the list shows (the server keeps more). */
const LIMIT = 50;

function newestFirst(items: readonly NotificationItem[]): NotificationItem[] {
  return [...items].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

function NotificationEntry({ item }: { item: NotificationItem }) {
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      bg={item.read ? undefined : 'var(--mantine-primary-color-light)'}
      style={item.read ? undefined : { borderLeft: '4px solid var(--mantine-primary-color-filled)' }}
    >
      <Stack gap={6}>
        <Group gap="xs">
          <NotificationLevelBadge level={item.level} />
          {!item.read && (
            <Badge variant="filled" size="sm">
              Unread
            </Badge>
          )}
          <Text size="sm" c="dimmed">
            <time dateTime={item.at}>{formatDateTime(item.at)}</time>
          </Text>
        </Group>
        <Text fw={item.read ? undefined : 600}>{item.message}</Text>
        <Anchor component={Link} to={paths.accountUsage.getHref(item.account_id)} size="sm">
          View usage
        </Anchor>
      </Stack>
    </Paper>
  );
}

/** The signed-in person's quota alerts, newest first, the unread ones marked until all are marked read. */
export function NotificationsList() {
  const notifications = useNotifications(LIMIT);
  const markRead = useMarkNotificationsRead();

  if (notifications.isPending) return <PageLoader label="Loading notifications…" />;
  if (notifications.isError) {
    return <QueryError error={notifications.error} onRetry={() => void notifications.refetch()} />;
  }
  const { items, unread } = notifications.data;

  return (
    <Stack align="flex-start">
      <Group>
        <Button
          variant="light"
          loading={markRead.isPending}
          disabled={unread === 0}
          onClick={() => markRead.mutate()}
        >
          Mark all as read
        </Button>
        <Text size="sm" c="dimmed">
          {unread === 0 ? 'All read' : `${unread} unread`}
        </Text>
      </Group>
      <FormError error={markRead.error} />
      {items.length === 0 ? (
        <EmptyState
          title="No notifications"
          description="Quota alerts of the accounts you look after appear here."
        />
      ) : (
        <Stack component="ul" gap="sm" w="100%" maw={760} p={0} m={0} style={{ listStyle: 'none' }}>
          {newestFirst(items).map((item) => (
            <NotificationEntry key={item.id} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
