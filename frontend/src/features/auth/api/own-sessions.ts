import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { OpenSessionList } from '@/client/types.gen';

const ownSessionsKey = ['me', 'sessions'] as const;

export async function listOwnSessions(): Promise<OpenSessionList> {
  const { data } = await sdk.listOwnSessions();
  return data;
}

/** The person's open sessions; asked again on each visit (other devices sign in and out). */
export function useOwnSessions() {
  return useQuery({ queryKey: ownSessionsKey, queryFn: listOwnSessions, staleTime: 0 });
}

export function useEndOwnSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (sid: string) => {
      await sdk.endOwnSession({ path: { sid } });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ownSessionsKey }),
  });
}
