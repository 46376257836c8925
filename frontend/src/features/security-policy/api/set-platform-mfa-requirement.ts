import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { SecurityPolicy } from '@/client/types.gen';

import { accountMfaPoliciesKey } from './get-account-mfa-policy';
import { platformPolicyQueryKey } from './get-security-policy';

export async function setPlatformMfaRequirement(required: boolean): Promise<SecurityPolicy> {
  const { data } = await sdk.setPlatformMfaRequirement({ body: { required } });
  return data;
}

/**
 * Requires MFA of everyone, or leaves it to each account; people without it set it up at their next
 * sign-in. The answer is the policy now in force; every account's rule depends on it, so those are
 * fetched again. After a refusal the policy is fetched again: it may have changed meanwhile.
 */
export function useSetPlatformMfaRequirement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setPlatformMfaRequirement,
    onSuccess: async (policy) => {
      queryClient.setQueryData(platformPolicyQueryKey, policy);
      await queryClient.invalidateQueries({ queryKey: accountMfaPoliciesKey });
    },
    onError: () => queryClient.invalidateQueries({ queryKey: platformPolicyQueryKey }),
  });
}
