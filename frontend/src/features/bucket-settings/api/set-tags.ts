import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketSettingsAnswer, TagsChange } from '@/client/types.gen';

import type { BucketRef } from './get-bucket-settings';
import { settingsChanged } from './settings-changed';

export async function setTags(ref: BucketRef, body: TagsChange): Promise<BucketSettingsAnswer> {
  const { data } = await sdk.setBucketTags({ path: { account_id: ref.accountId, bucket: ref.bucket }, body });
  return data;
}

export function useSetTags(ref: BucketRef) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TagsChange) => setTags(ref, body),
    onSuccess: (settings) => settingsChanged(queryClient, ref, settings),
  });
}
