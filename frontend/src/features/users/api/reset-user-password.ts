import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function resetUserPassword(scope: UserScope, userId: string): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.resetPasswordOfAccountUser({ path: { account_id: scope.accountId, user_id: userId } })
      : await sdk.resetPasswordOfPlatformUser({ path: { user_id: userId } });
  return data;
}

/**
 * Mails them a new one-time password; their sessions end and a lock is lifted.
 * The list is fetched again after a refusal too: the person may have changed meanwhile.
 */
export function useResetUserPassword(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => resetUserPassword(scope, userId),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
