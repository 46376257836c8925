import type { ConsoleUser } from '@/client/types.gen';

import type { UserQuery } from './api/list-users';

export type UserStatus = NonNullable<UserQuery['status']>;

export const USER_STATUSES: Record<UserStatus, { label: string; color: string }> = {
  enabled: { label: 'Enabled', color: 'green' },
  disabled: { label: 'Disabled', color: 'gray' },
  locked: { label: 'Locked', color: 'orange' },
};

export function isUserStatus(value: string | null): value is UserStatus {
  return value !== null && Object.hasOwn(USER_STATUSES, value);
}

/** As the server filters: disabled comes first; an enabled person is locked while failed sign-ins hold them off. */
export function userStatus(user: Pick<ConsoleUser, 'enabled' | 'locked_until'>): UserStatus {
  if (!user.enabled) return 'disabled';
  return user.locked_until !== null ? 'locked' : 'enabled';
}
