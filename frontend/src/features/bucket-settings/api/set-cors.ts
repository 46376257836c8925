import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketSettingsAnswer, CorsChange } from '@/client/types.gen';

import type { BucketRef } from './get-bucket-settings';
import { settingsChanged } from './settings-changed';

export async function setCors(ref: BucketRef, body: CorsChange): Promise<BucketSettingsAnswer> {
  const { data } = await sdk.setBucketCors({ path: { account_id: ref.accountId, bucket: ref.bucket }, body });
  return data;
}

export function useSetCors(ref: BucketRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CorsChange) => setCors(ref, body),
    onSuccess: (settings) => settingsChanged(queryClient, ref, settings),
  });
}
