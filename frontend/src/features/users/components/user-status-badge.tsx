import { Badge } from '@mantine/core';

import type { ConsoleUser } from '@/client/types.gen';
import { formatDateTime } from '@/lib/dates';

import { USER_STATUSES, userStatus } from '../user-status';

/** Enabled, Disabled, or "Locked until <time>" while failed sign-ins hold the person off. */
export function UserStatusBadge({ user }: { user: Pick<ConsoleUser, 'enabled' | 'locked_until'> }) {
  const status = userStatus(user);
  const { label, color } = USER_STATUSES[status];
  return (
    <Badge color={color} variant="light">
      {status === 'locked' && user.locked_until !== null ? (
        <>
          Locked until <time dateTime={user.locked_until}>{formatDateTime(user.locked_until)}</time>
        </>
      ) : (
        label
      )}
    </Badge>
  );
}
