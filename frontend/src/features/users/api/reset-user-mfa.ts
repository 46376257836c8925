import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function resetUserMfa(scope: UserScope, userId: string): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.resetMfaOfAccountUser({ path: { account_id: scope.accountId, user_id: userId } })
      : await sdk.resetMfaOfPlatformUser({ path: { user_id: userId } });
  return data;
}

/** For a lost device: the authenticator is forgotten, sessions end, and they enroll again at sign-in. */
export function useResetUserMfa(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => resetUserMfa(scope, userId),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
