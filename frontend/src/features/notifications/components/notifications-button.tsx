import { ActionIcon, Indicator, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';
import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';

import { useUnreadNotificationCount } from '../api/count-unread-notifications';

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
      <path d="M13.73 21a2 2 0 0 1-3.46 0" />
    </svg>
  );
}

/** The header's way to the notifications, with how many are unread (nothing when none are). */
export function NotificationsButton() {
  const navigate = useNavigate();
  const countId = useId();
  const { data: unread = 0 } = useUnreadNotificationCount();

  return (
    <Indicator label={unread} disabled={unread === 0} maxValue={99} size={18} offset={6} color="red">
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label="Notifications"
        aria-describedby={unread > 0 ? countId : undefined}
        onClick={() => void navigate(paths.notifications.getHref())}
      >
        <BellIcon />
      </ActionIcon>
      {unread > 0 && <VisuallyHidden id={countId}>{`${unread} unread`}</VisuallyHidden>}
    </Indicator>
  );
}
