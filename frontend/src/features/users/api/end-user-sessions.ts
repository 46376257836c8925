import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function endUserSessions(scope: UserScope, userId: string): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.endSessionsOfAccountUser({ path: { account_id: scope.accountId, user_id: userId } })
      : await sdk.endSessionsOfPlatformUser({ path: { user_id: userId } });
  return data;
}

/**
 * Signs the person out on every device, at their next request; nothing else about them changes.
 * Not allowed on oneself (409): "Sign out everywhere" in the user menu is for that.
 */
export function useEndUserSessions(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => endUserSessions(scope, userId),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
