import { Avatar, Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';

import type { Me } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/api-error';

import { AppearanceChoice } from './appearance-choice';
import { useSignOutNow } from './sign-out-button';
import { useSignOutEverywhere } from '../api/sign-out-everywhere';
import type { SignInNotice } from '../sign-in-flow';

/** The signed-in user's name (a person icon on a phone), opening their profile, the appearance and
 * the actions that end sessions. */
export function UserMenu({ me }: { me: Me }) {
  const navigate = useNavigate();
  const signOut = useSignOutNow();
  const signOutEverywhere = useSignOutEverywhere({
    onSuccess: () => {
      const state: SignInNotice = { notice: 'You have signed out on every device.' };
      void navigate(paths.signIn.getHref(), { replace: true, state });
    },
  });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          px="xs"
          aria-label={`User menu of ${me.display_name}`}
          leftSection={<Avatar size="sm" color="indigo" aria-hidden />}
        >
          <Text span inherit visibleFrom="sm">
            {me.display_name}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.username}</Menu.Label>
        <Menu.Item component={Link} to={paths.profile.getHref()}>
          Your profile
        </Menu.Item>
        <Menu.Divider />
        <AppearanceChoice />
        <Menu.Divider />
        <Menu.Item hiddenFrom="sm" disabled={signOut.pending} onClick={signOut.start}>
          Sign out
        </Menu.Item>
        <Menu.Item
          c="var(--mantine-color-red-text)"
          disabled={signOutEverywhere.isPending}
          onClick={() =>
            signOutEverywhere.mutate(undefined, {
              onError: (error) =>
                notifications.show({ color: 'red', title: 'Sign-out failed', message: errorMessage(error) }),
            })
          }
        >
          Sign out everywhere
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
