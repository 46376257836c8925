import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser, ConsoleUserRole } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export type ChangeUserRole = { userId: string; body: ConsoleUserRole };

export async function changeUserRole(scope: UserScope, { userId, body }: ChangeUserRole): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.changeRoleOfAccountUser({ path: { account_id: scope.accountId, user_id: userId }, body })
      : await sdk.changeRoleOfPlatformUser({ path: { user_id: userId }, body });
  return data;
}

/** Takes effect at the person's next request; not allowed on oneself. */
export function useChangeUserRole(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: ChangeUserRole) => changeUserRole(scope, change),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
