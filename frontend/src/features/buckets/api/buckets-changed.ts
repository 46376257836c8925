import type { QueryClient } from '@tanstack/react-query';

import { accountBucketsQueryKey } from './list-account-buckets';

/** After a bucket was made or deleted (or the attempt failed), the account's list is fetched again. */
export async function bucketsChanged(queryClient: QueryClient, accountId: string): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: accountBucketsQueryKey(accountId) });
}
