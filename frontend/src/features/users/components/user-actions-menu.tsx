import { ActionIcon, Menu } from '@mantine/core';
import { Link } from 'react-router';

import type { ConsoleUser } from '@/client/types.gen';

export type UserAction =
  | 'disable'
  | 'enable'
  | 'unlock'
  | 'end-sessions'
  | 'reset-password'
  | 'reset-mfa'
  | 'change-role'
  | 'data-access'
  | 'delete';

/**
 * What can be done with one person. On one's own row, disabling, ending all sessions, changing the
 * role and deleting are not offered: the server refuses them (409), so that an administrator cannot
 * lock themselves out (their own sessions end from the user menu).
 */
export function UserActionsMenu({
  user,
  isSelf,
  keysHref,
  grantsData,
  onSelect,
}: {
  user: ConsoleUser;
  isSelf: boolean;
  /** Where this person's access keys are managed; staff have none. */
  keysHref?: string;
  /** Whether this person's access to the account's data is set here (members of an account). */
  grantsData?: boolean;
  onSelect: (action: UserAction) => void;
}) {
  const disabled = !user.enabled;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${user.username}`}>
          <span aria-hidden="true">⋯</span>
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{user.username}</Menu.Label>
        {disabled && <Menu.Item onClick={() => onSelect('enable')}>Enable</Menu.Item>}
        {!disabled && !isSelf && <Menu.Item onClick={() => onSelect('disable')}>Disable</Menu.Item>}
        {user.locked_until !== null && <Menu.Item onClick={() => onSelect('unlock')}>Unlock</Menu.Item>}
        {keysHref && (
          <Menu.Item component={Link} to={keysHref}>
            Access keys
          </Menu.Item>
        )}
        {grantsData && <Menu.Item onClick={() => onSelect('data-access')}>Data access</Menu.Item>}
        {!isSelf && <Menu.Item onClick={() => onSelect('end-sessions')}>End all sessions</Menu.Item>}
        <Menu.Item onClick={() => onSelect('reset-password')}>Reset password</Menu.Item>
        {user.mfa_enrolled && <Menu.Item onClick={() => onSelect('reset-mfa')}>Reset MFA</Menu.Item>}
        {!isSelf && <Menu.Item onClick={() => onSelect('change-role')}>Change role</Menu.Item>}
        {!isSelf && (
          <>
            <Menu.Divider />
            <Menu.Item c="var(--mantine-color-red-text)" onClick={() => onSelect('delete')}>
              Delete
            </Menu.Item>
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
