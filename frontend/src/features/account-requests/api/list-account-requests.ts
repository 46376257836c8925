import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountRequestPage, ListAccountRequestsData } from '@/client/types.gen';

export type AccountRequestQuery = NonNullable<ListAccountRequestsData['query']>;

export const accountRequestsQueryKey = ['account-requests'] as const;

export async function listAccountRequests(query: AccountRequestQuery): Promise<AccountRequestPage> {
  const { data } = await sdk.listAccountRequests({ query });
  return data;
}

export function listAccountRequestsQueryOptions(query: AccountRequestQuery) {
  return queryOptions({
    queryKey: [...accountRequestsQueryKey, query],
    queryFn: () => listAccountRequests(query),
  });
}

export function useAccountRequests(query: AccountRequestQuery) {
  return useQuery(listAccountRequestsQueryOptions(query));
}

/** How many confirmed requests wait for a decision (for the navigation's badge); one row is the smallest page. */
export function usePendingRequestCount() {
  return useQuery({
    ...listAccountRequestsQueryOptions({ status: 'pending', limit: 1 }),
    select: (page) => page.pending_count,
  });
}
