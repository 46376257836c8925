import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { Me } from '@/client/types.gen';

export const meQueryKey = ['me'] as const;

export async function getMe(): Promise<Me> {
  const { data } = await sdk.getMe();
  return data;
}

export function getMeQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: getMe });
}

/** Who is signed in; a 401 here means the session has ended (handled in src/lib/api-client.ts). */
export function useMe() {
  return useQuery(getMeQueryOptions());
}
