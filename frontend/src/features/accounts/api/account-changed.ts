import type { QueryClient } from '@tanstack/react-query';

import type { AccountDetail } from '@/client/types.gen';

import { accountQueryKey } from './get-account';
import { accountsQueryKey } from './list-accounts';

/**
 * After an action the server answers with the account as it now is: that answer is shown at once,
 * and the lists (whose status column may have changed) are fetched again.
 */
export async function accountChanged(queryClient: QueryClient, account: AccountDetail): Promise<void> {
  queryClient.setQueryData(accountQueryKey(account.id), account);
  await queryClient.invalidateQueries({
    queryKey: accountsQueryKey,
    predicate: (query) => typeof query.queryKey[1] === 'object',
  });
}
