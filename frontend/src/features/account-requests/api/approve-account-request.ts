import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountRequest, AccountRequestApprove } from '@/client/types.gen';

import { accountRequestsQueryKey } from './list-account-requests';

export async function approveAccountRequest({
  requestId,
  body,
}: {
  requestId: string;
  body: AccountRequestApprove;
}): Promise<AccountRequest> {
  const { data } = await sdk.approveAccountRequest({ path: { request_id: requestId }, body });
  return data;
}

/**
 * Provisions the account and mails the requester. The queue is fetched again afterwards, also after
 * a refusal: "already decided" means someone else changed it meanwhile.
 */
export function useApproveAccountRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: approveAccountRequest,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: accountRequestsQueryKey }),
        // The accounts feature's lists (features do not import each other): a new account is in them.
        queryClient.invalidateQueries({ queryKey: ['accounts'] }),
      ]),
  });
}
