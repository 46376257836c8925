import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { CreatedFolder } from '@/client/types.gen';

export async function createFolder(accountId: string, bucket: string, prefix: string, name: string): Promise<CreatedFolder> {
  const { data } = await sdk.createFolder({ path: { account_id: accountId, bucket }, body: { prefix, name } });
  return data;
}

/** A new empty folder in the one shown; the listing is read again so it appears. */
export function useCreateFolder(accountId: string, bucket: string, prefix: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createFolder(accountId, bucket, prefix, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['accounts', accountId, 'buckets', bucket, 'objects'] }),
  });
}
