import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type {
  ShareLink,
  ShareLinkList,
  SharedArchive,
  SharedDownloadLink,
  SharedFolderContents,
  SharedObject,
} from '@/client/types.gen';

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

/** Counts a download and follows the minute-long presigned URL to the file (for a folder link, the file `name`). */
export function useDownloadShared(token: string) {
  return useMutation({
    mutationFn: async ({ password, name }: { password: string | null; name?: string }): Promise<SharedDownloadLink> => {
      const { data } = await sdk.downloadSharedObject({ body: { token, password, name: name ?? null } });
      return data;
    },
    onSuccess: (link) => window.location.assign(link.url),
  });
}

/** A folder link's files, once its password (if any) is given; listing is not counted as a download. */
export function useSharedFolder(token: string, password: string | null, enabled: boolean) {
  return useQuery(
    queryOptions({
      queryKey: ['shared', token, 'contents', password],
      queryFn: async (): Promise<SharedFolderContents> => {
        const { data } = await sdk.listSharedFolder({ body: { token, password } });
        return data;
      },
      enabled,
      retry: false,
    }),
  );
}

/** Counts one download and follows the zip's one-time address: the browser saves the folder as a zip. */
export function useDownloadSharedArchive(token: string) {
  return useMutation({
    mutationFn: async (password: string | null): Promise<SharedArchive> => {
      const { data } = await sdk.prepareSharedArchive({ body: { token, password } });
      return data;
    },
    onSuccess: (archive) => window.location.assign(archive.url),
  });
}
