import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';

import { bucketsChanged } from './buckets-changed';

export type BucketRef = { accountId: string; bucket: string };

export async function deleteBucket({ accountId, bucket }: BucketRef): Promise<void> {
  await sdk.deleteBucket({ path: { account_id: accountId, bucket } });
}

/** Deletes an empty bucket (one holding objects is refused and kept); the list is fetched again either way. */
export function useDeleteBucket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteBucket,
    onSettled: (_data, _error, { accountId }) => bucketsChanged(queryClient, accountId),
  });
}
