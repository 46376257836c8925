import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { Bucket, BucketCreate } from '@/client/types.gen';

import { bucketsChanged } from './buckets-changed';

export async function createBucket({ accountId, body }: { accountId: string; body: BucketCreate }): Promise<Bucket> {
  const { data } = await sdk.createBucket({ path: { account_id: accountId }, body });
  return data;
}

/** A new bucket named `<account id>-<suffix>`; the server checks the name and who may make it. */
export function useCreateBucket() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createBucket,
    onSuccess: (_bucket, { accountId }) => bucketsChanged(queryClient, accountId),
  });
}
