import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { DownloadLink } from '@/client/types.gen';

export async function createDownloadLink(accountId: string, bucket: string, key: string): Promise<DownloadLink> {
  const { data } = await sdk.createDownloadLink({ path: { account_id: accountId, bucket }, body: { key } });
  return data;
}

/** Asks for a one-minute link and follows it: the storage system answers with the file as an attachment. */
export function useDownload(accountId: string, bucket: string) {
  return useMutation({
    mutationFn: (key: string) => createDownloadLink(accountId, bucket, key),
    onSuccess: (link) => window.location.assign(link.url),
  });
}
