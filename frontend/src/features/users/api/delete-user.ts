import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUserDelete } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export type DeleteUser = { userId: string; body: ConsoleUserDelete };

export async function deleteUser(scope: UserScope, { userId, body }: DeleteUser): Promise<void> {
  if (scope.kind === 'account') {
    await sdk.deleteAccountUser({ path: { account_id: scope.accountId, user_id: userId }, body });
  } else {
    await sdk.deletePlatformUser({ path: { user_id: userId }, body });
  }
}

/** The person goes, with their storage identity and access keys; not allowed on oneself. */
export function useDeleteUser(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (target: DeleteUser) => deleteUser(scope, target),
    onSettled: () => usersChanged(queryClient, scope),
  });
}
