import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function disableUser(scope: UserScope, userId: string): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.disableAccountUser({ path: { account_id: scope.accountId, user_id: userId } })
      : await sdk.disablePlatformUser({ path: { user_id: userId } });
  return data;
}

/**
 * Their sessions end and, in an account, their access keys stop working; not allowed on oneself.
 * The list is fetched again after a refusal too: the person may have changed meanwhile.
 */
export function useDisableUser(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => disableUser(scope, userId),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
