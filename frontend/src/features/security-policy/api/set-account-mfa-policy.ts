import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountMfaPolicy } from '@/client/types.gen';

import { accountMfaPolicyQueryKey } from './get-account-mfa-policy';

export async function setAccountMfaPolicy(accountId: string, required: boolean): Promise<AccountMfaPolicy> {
  const { data } = await sdk.setAccountMfaPolicy({ path: { account_id: accountId }, body: { required } });
  return data;
}

/**
 * Requires MFA of the account's people, or stops requiring it (the platform's requirement, if any,
 * stays). The answer is the rule now in force; after a refusal it is fetched again.
 */
export function useSetAccountMfaPolicy(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (required: boolean) => setAccountMfaPolicy(accountId, required),
    onSuccess: (policy) => queryClient.setQueryData(accountMfaPolicyQueryKey(accountId), policy),
    onError: () => queryClient.invalidateQueries({ queryKey: accountMfaPolicyQueryKey(accountId) }),
  });
}
