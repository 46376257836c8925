import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountCreate, AccountDetail } from '@/client/types.gen';

import { accountChanged } from './account-changed';

/**
 * The Idempotency-Key makes a repeated submission (a retry after a lost answer) return the
 * account the first one created instead of creating it twice. It is not in the OpenAPI document,
 * so it is sent as an extra header.
 */
export async function createAccount({
  body,
  idempotencyKey,
}: {
  body: AccountCreate;
  idempotencyKey: string;
}): Promise<AccountDetail> {
  const { data } = await sdk.createAccount({ body, headers: { 'Idempotency-Key': idempotencyKey } });
  return data;
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: (account) => accountChanged(queryClient, account),
  });
}
