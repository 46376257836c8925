import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccountMfaPolicy } from '@/client/types.gen';

import { securityPolicyKey } from './get-security-policy';

/** Every account's MFA rule is under this key: all of them depend on the platform's. */
export const accountMfaPoliciesKey = [...securityPolicyKey, 'accounts'] as const;

export function accountMfaPolicyQueryKey(accountId: string) {
  return [...accountMfaPoliciesKey, accountId] as const;
}

export async function getAccountMfaPolicy(accountId: string): Promise<AccountMfaPolicy> {
  const { data } = await sdk.getAccountMfaPolicy({ path: { account_id: accountId } });
  return data;
}

export function getAccountMfaPolicyQueryOptions(accountId: string) {
  return queryOptions({
    queryKey: accountMfaPolicyQueryKey(accountId),
    queryFn: () => getAccountMfaPolicy(accountId),
  });
}

/** Whether the account's people must use MFA: by the platform's rule, the account's own, or not at all. */
export function useAccountMfaPolicy(accountId: string) {
  return useQuery(getAccountMfaPolicyQueryOptions(accountId));
}
