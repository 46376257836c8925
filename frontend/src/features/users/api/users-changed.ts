import type { QueryClient } from '@tanstack/react-query';

import type { UserScope } from '../user-scope';
import { scopeUsersQueryKey } from './list-users';

/** After a change to a person the scope's lists are fetched again (status, role or the rows themselves changed). */
export async function usersChanged(queryClient: QueryClient, scope: UserScope): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: scopeUsersQueryKey(scope) });
}
