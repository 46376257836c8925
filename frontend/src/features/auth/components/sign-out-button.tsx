import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/api-error';

import { useSignOut } from '../api/sign-out';
import type { SignInNotice } from '../sign-in-flow';

export function SignOutButton() {
  const navigate = useNavigate();
  const signOut = useSignOut({
    onSuccess: () => {
      const state: SignInNotice = { notice: 'You have signed out.' };
      void navigate(paths.signIn.getHref(), { replace: true, state });
    },
  });
  return (
    <Button
      variant="default"
      loading={signOut.isPending}
      onClick={() =>
        signOut.mutate(undefined, {
          onError: (error) => notifications.show({ color: 'red', title: 'Sign-out failed', message: errorMessage(error) }),
        })
      }
    >
      Sign out
    </Button>
  );
}
