import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountRequest, AccountRequestDeny } from '@/client/types.gen';

import { accountRequestsQueryKey } from './list-account-requests';

export async function denyAccountRequest({
  requestId,
  body,
}: {
  requestId: string;
  body: AccountRequestDeny;
}): Promise<AccountRequest> {
  const { data } = await sdk.denyAccountRequest({ path: { request_id: requestId }, body });
  return data;
}

/** Mails the reason to the requester; the queue is fetched again, also after a refusal (someone else decided). */
export function useDenyAccountRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: denyAccountRequest,
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountRequestsQueryKey }),
  });
}
