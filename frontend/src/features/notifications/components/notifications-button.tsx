import { ActionIcon, Indicator } from '@mantine/core';
import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';

import { useUnreadNotifications } from '../api/notifications';

/** The bell in the header, with the number of unread alerts; opens the list. */
export function NotificationsButton() {
  const unread = useUnreadNotifications();
  const navigate = useNavigate();
  const count = unread.data ?? 0;
  return (
    <Indicator label={count} size={16} disabled={count === 0} color="red" offset={4}>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={count > 0 ? `Notifications (${count} unread)` : 'Notifications'}
        onClick={() => void navigate(paths.notifications.getHref())}
      >
        <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
          <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
          <path d="M13.73 21a2 2 0 0 1-3.46 0" />
        </svg>
      </ActionIcon>
    </Indicator>
  );
}
