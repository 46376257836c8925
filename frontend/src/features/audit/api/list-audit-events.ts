import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AuditPage, ListAuditEventsData } from '@/client/types.gen';

export type AuditQuery = NonNullable<ListAuditEventsData['query']>;

export async function listAuditEvents(query: AuditQuery): Promise<AuditPage> {
  const { data } = await sdk.listAuditEvents({ query });
  return data;
}

export function listAuditEventsQueryOptions(query: AuditQuery) {
  return queryOptions({ queryKey: ['audit', query], queryFn: () => listAuditEvents(query) });
}

/** One page of audit events, newest first; the previous page stays on screen while the next one loads. */
export function useAuditEvents(query: AuditQuery) {
  return useQuery({ ...listAuditEventsQueryOptions(query), placeholderData: keepPreviousData });
}
