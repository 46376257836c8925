import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ShareLink, ShareLinkList, SharedDownloadLink, SharedObject } from '@/client/types.gen';

function shareLinksKey(accountId: string) {
  return ['accounts', accountId, 'share-links'] as const;
}

/** The account's links: all of them for its admins, their own for members. */
export function useShareLinks(accountId: string) {
  return useQuery(
    queryOptions({
      queryKey: shareLinksKey(accountId),
      queryFn: async (): Promise<ShareLinkList> => {
        const { data } = await sdk.listShareLinks({ path: { account_id: accountId } });
        return data;
      },
    }),
  );
}

export function useRevokeShareLink(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (linkId: string): Promise<ShareLink> => {
      const { data } = await sdk.revokeShareLink({ path: { account_id: accountId, link_id: linkId } });
      return data;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: shareLinksKey(accountId) }),
  });
}

/** What a link leads to, for whoever holds it (no session); retried never: a 410 is an answer. */
export function useSharedObject(token: string) {
  return useQuery(
    queryOptions({
      queryKey: ['shared', token],
      queryFn: async (): Promise<SharedObject> => {
        const { data } = await sdk.inspectSharedObject({ body: { token } });
        return data;
      },
      retry: false,
    }),
  );
}

/** Counts a download and follows the minute-long presigned URL to the file. */
export function useDownloadShared(token: string) {
  return useMutation({
    mutationFn: async (password: string | null): Promise<SharedDownloadLink> => {
      const { data } = await sdk.downloadSharedObject({ body: { token, password } });
      return data;
    },
    onSuccess: (link) => window.location.assign(link.url),
  });
}
