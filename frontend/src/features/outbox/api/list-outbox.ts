import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { OutboxPage } from '@/client/types.gen';

export async function listOutbox(): Promise<OutboxPage> {
  const { data } = await sdk.listOutbox();
  return data;
}

export function listOutboxQueryOptions() {
  return queryOptions({ queryKey: ['outbox'], queryFn: listOutbox, staleTime: 0 });
}

/** The newest mails Coffer queued (development mode only), always fetched fresh. */
export function useOutbox() {
  return useQuery(listOutboxQueryOptions());
}
