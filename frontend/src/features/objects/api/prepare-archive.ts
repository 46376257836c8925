import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ArchiveRequest, PreparedArchive } from '@/client/types.gen';

/** Checks the selection on the server, then follows its one-time address: the browser saves the zip. */
export function useDownloadArchive(accountId: string, bucket: string) {
  return useMutation({
    mutationFn: async (body: ArchiveRequest): Promise<PreparedArchive> => {
      const { data } = await sdk.prepareArchive({ path: { account_id: accountId, bucket }, body });
      return data;
    },
    onSuccess: (prepared) => window.location.assign(prepared.url),
  });
}
