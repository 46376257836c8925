import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';

import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/api-error';

import { useSignOut } from '../api/sign-out';
import type { SignInNotice } from '../sign-in-flow';

/** Ends this session and goes to sign-in, which says so once; a failure is said in a toast. */
export function useSignOutNow() {
  const navigate = useNavigate();
  const signOut = useSignOut({
    onSuccess: () => {
      const state: SignInNotice = { notice: 'You have signed out.' };
      void navigate(paths.signIn.getHref(), { replace: true, state });
    },
  });
  const start = () =>
    signOut.mutate(undefined, {
      onError: (error) => notifications.show({ color: 'red', title: 'Sign-out failed', message: errorMessage(error) }),
    });
  return { start, pending: signOut.isPending };
}

/** The header's sign-out button on wide screens; on a phone it is an item of the user menu. */
export function SignOutButton() {
  const signOut = useSignOutNow();
  return (
    <Button variant="default" visibleFrom="sm" loading={signOut.pending} onClick={signOut.start}>
      Sign out
    </Button>
  );
}
