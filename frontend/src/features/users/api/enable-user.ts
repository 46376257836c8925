import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function enableUser(scope: UserScope, userId: string): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.enableAccountUser({ path: { account_id: scope.accountId, user_id: userId } })
      : await sdk.enablePlatformUser({ path: { user_id: userId } });
  return data;
}

/**
 * They can sign in again and, in an account, their access keys work again.
 * The list is fetched again after a refusal too: the person may have changed meanwhile.
 */
export function useEnableUser(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => enableUser(scope, userId),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
