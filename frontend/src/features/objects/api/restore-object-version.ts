import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { ObjectVersionList, VersionChoice } from '@/client/types.gen';

import { objectVersionsQueryKey } from './list-object-versions';

export async function restoreObjectVersion(accountId: string, bucket: string, body: VersionChoice): Promise<ObjectVersionList> {
  const { data } = await sdk.restoreObjectVersion({ path: { account_id: accountId, bucket }, body });
  return data;
}

/** Makes an older version the latest again; the object's details and its folder's listing are read again. */
export function useRestoreVersion(accountId: string, bucket: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VersionChoice) => restoreObjectVersion(accountId, bucket, body),
    onSuccess: async (versions, { key }) => {
      queryClient.setQueryData(objectVersionsQueryKey(accountId, bucket, key), versions);
      await queryClient.invalidateQueries({ queryKey: ['accounts', accountId, 'buckets', bucket, 'object', key], exact: true });
      await queryClient.invalidateQueries({ queryKey: ['accounts', accountId, 'buckets', bucket, 'objects'] });
    },
  });
}
