import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketSettingsAnswer, VersioningChange } from '@/client/types.gen';

import type { BucketRef } from './get-bucket-settings';
import { settingsChanged } from './settings-changed';

export async function setVersioning(ref: BucketRef, body: VersioningChange): Promise<BucketSettingsAnswer> {
  const { data } = await sdk.setBucketVersioning({ path: { account_id: ref.accountId, bucket: ref.bucket }, body });
  return data;
}

export function useSetVersioning(ref: BucketRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VersioningChange) => setVersioning(ref, body),
    onSuccess: (settings) => settingsChanged(queryClient, ref, settings),
  });
}
