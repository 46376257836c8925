import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketSettingsAnswer } from '@/client/types.gen';

import type { BucketRef } from './get-bucket-settings';
import { settingsChanged } from './settings-changed';

export async function deletePolicy(ref: BucketRef): Promise<BucketSettingsAnswer> {
  const { data } = await sdk.deleteBucketPolicy({ path: { account_id: ref.accountId, bucket: ref.bucket } });
  return data;
}

export function useDeletePolicy(ref: BucketRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deletePolicy(ref),
    onSuccess: (settings) => settingsChanged(queryClient, ref, settings),
  });
}
