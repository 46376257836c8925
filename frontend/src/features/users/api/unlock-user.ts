import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function unlockUser(scope: UserScope, userId: string): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.unlockAccountUser({ path: { account_id: scope.accountId, user_id: userId } })
      : await sdk.unlockPlatformUser({ path: { user_id: userId } });
  return data;
}

/**
 * Lifts the lock that too many failed sign-ins put on them.
 * The list is fetched again after a refusal too: the person may have changed meanwhile.
 */
export function useUnlockUser(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => unlockUser(scope, userId),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
