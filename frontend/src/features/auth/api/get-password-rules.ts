import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { PasswordRules } from '@/client/types.gen';

export const passwordRulesQueryKey = ['password-rules'] as const;

export async function getPasswordRules(): Promise<PasswordRules> {
  const { data } = await sdk.getPasswordRules();
  return data;
}

export function getPasswordRulesQueryOptions() {
  return queryOptions({ queryKey: passwordRulesQueryKey, queryFn: getPasswordRules });
}

/** What a new password must meet, as the server will judge it; public, so forms without a session ask too. */
export function usePasswordRules() {
  return useQuery(getPasswordRulesQueryOptions());
}
