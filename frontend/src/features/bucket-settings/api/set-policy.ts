import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketSettingsAnswer, PolicyChange } from '@/client/types.gen';

import type { BucketRef } from './get-bucket-settings';
import { settingsChanged } from './settings-changed';

export async function setPolicy(ref: BucketRef, body: PolicyChange): Promise<BucketSettingsAnswer> {
  const { data } = await sdk.setBucketPolicy({ path: { account_id: ref.accountId, bucket: ref.bucket }, body });
  return data;
}

export function useSetPolicy(ref: BucketRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PolicyChange) => setPolicy(ref, body),
    onSuccess: (settings) => settingsChanged(queryClient, ref, settings),
  });
}
