import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { NewShareLink, ShareLinkCreate } from '@/client/types.gen';

/** A link anyone may open; its address is in this answer only. The account's list of links is read again. */
export function useCreateShareLink(accountId: string, bucket: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ShareLinkCreate): Promise<NewShareLink> => {
      const { data } = await sdk.createShareLink({ path: { account_id: accountId, bucket }, body });
      return data;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts', accountId, 'share-links'] }),
  });
}
