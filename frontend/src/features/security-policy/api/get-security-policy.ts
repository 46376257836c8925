import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { SecurityPolicy } from '@/client/types.gen';

/** Every query about the security rules starts with this key (an account's MFA rule too). */
export const securityPolicyKey = ['security-policy'] as const;

/** The platform's rules; under the common key, apart from the accounts' rules. */
export const platformPolicyQueryKey = [...securityPolicyKey, 'platform'] as const;

export async function getSecurityPolicy(): Promise<SecurityPolicy> {
  const { data } = await sdk.getSecurityPolicy();
  return data;
}

export function getSecurityPolicyQueryOptions() {
  return queryOptions({ queryKey: platformPolicyQueryKey, queryFn: getSecurityPolicy });
}

/** The password, lockout, MFA and session rules in force (platform administrators). */
export function useSecurityPolicy() {
  return useQuery(getSecurityPolicyQueryOptions());
}
