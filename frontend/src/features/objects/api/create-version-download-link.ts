import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { DownloadLink, VersionChoice } from '@/client/types.gen';

export async function createVersionDownloadLink(accountId: string, bucket: string, body: VersionChoice): Promise<DownloadLink> {
  const { data } = await sdk.createVersionDownloadLink({ path: { account_id: accountId, bucket }, body });
  return data;
}

/** Asks for a short-lived link to one version and follows it, as the object's own download does. */
export function useVersionDownload(accountId: string, bucket: string) {
  return useMutation({
    mutationFn: (body: VersionChoice) => createVersionDownloadLink(accountId, bucket, body),
    onSuccess: (link) => window.location.assign(link.url),
  });
}
