import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { DataGrantChange, DataGrantView } from '@/client/types.gen';

function dataGrantQueryKey(accountId: string, userId: string) {
  return ['accounts', accountId, 'users', userId, 'data-grant'] as const;
}

export function useDataGrant(accountId: string, userId: string) {
  return useQuery(
    queryOptions({
      queryKey: dataGrantQueryKey(accountId, userId),
      queryFn: async (): Promise<DataGrantView> => {
        const { data } = await sdk.getDataGrant({ path: { account_id: accountId, user_id: userId } });
        return data;
      },
    }),
  );
}

/** Saves a grant made on `revision`; a 409 means another admin saved first, and the grant is read again. */
export function useChangeDataGrant(accountId: string, userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: DataGrantChange): Promise<DataGrantView> => {
      const { data } = await sdk.changeDataGrant({ path: { account_id: accountId, user_id: userId }, body });
      return data;
    },
    onSuccess: (grant) => queryClient.setQueryData(dataGrantQueryKey(accountId, userId), grant),
    onError: () => queryClient.invalidateQueries({ queryKey: dataGrantQueryKey(accountId, userId) }),
  });
}
