import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { DeletionResult, ObjectsDeletion } from '@/client/types.gen';

export async function deleteObjects(accountId: string, bucket: string, body: ObjectsDeletion): Promise<DeletionResult> {
  const { data } = await sdk.deleteObjects({ path: { account_id: accountId, bucket }, body });
  return data;
}

/** Deletes the chosen objects and folders; the bucket's listings are read again whatever the outcome. */
export function useDeleteObjects(accountId: string, bucket: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ObjectsDeletion) => deleteObjects(accountId, bucket, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['accounts', accountId, 'buckets', bucket] }),
  });
}
