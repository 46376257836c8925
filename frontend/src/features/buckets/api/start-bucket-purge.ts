import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { BucketPurge } from '@/client/types.gen';

import { bucketPurgeQueryKey } from './get-bucket-purge';

export type BucketPurgeStart = { accountId: string; bucket: string; confirmName: string };

export async function startBucketPurge({ accountId, bucket, confirmName }: BucketPurgeStart): Promise<BucketPurge> {
  const { data } = await sdk.startBucketPurge({
    path: { account_id: accountId, bucket },
    body: { confirm_name: confirmName },
  });
  return data;
}

/** Starts deleting the bucket with all its data (or answers the deletion already running); the row then
 * shows its progress from the answer on. */
export function useStartBucketPurge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: startBucketPurge,
    onSuccess: (purge, { accountId, bucket }) => {
      queryClient.setQueryData(bucketPurgeQueryKey(accountId, bucket), purge);
    },
  });
}
