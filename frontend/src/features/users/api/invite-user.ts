import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ConsoleUser, ConsoleUserCreate } from '@/client/types.gen';

import type { UserScope } from '../user-scope';
import { usersChanged } from './users-changed';

export async function inviteUser(scope: UserScope, body: ConsoleUserCreate): Promise<ConsoleUser> {
  const { data } =
    scope.kind === 'account'
      ? await sdk.inviteAccountUser({ path: { account_id: scope.accountId }, body })
      : await sdk.invitePlatformUser({ body });
  return data;
}

/** A new person; the server mails them a one-time password, changed at their first sign-in. */
export function useInviteUser(scope: UserScope) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ConsoleUserCreate) => inviteUser(scope, body),
    onSuccess: () => usersChanged(queryClient, scope),
  });
}
