import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { SigningKeys } from '@/client/types.gen';

import { securityPolicyKey } from './get-security-policy';

export const signingKeysQueryKey = [...securityPolicyKey, 'signing-keys'] as const;

export async function listSigningKeys(): Promise<SigningKeys> {
  const { data } = await sdk.listSigningKeys();
  return data;
}

export function getSigningKeysQueryOptions() {
  return queryOptions({ queryKey: signingKeysQueryKey, queryFn: listSigningKeys });
}

/** The keys that sign and verify session tokens: the current one and those retiring. */
export function useSigningKeys() {
  return useQuery(getSigningKeysQueryOptions());
}

export async function rotateSigningKey(): Promise<SigningKeys> {
  const { data } = await sdk.rotateSigningKey();
  return data;
}

/** A new key signs from now on; the answer is the keys in force afterwards. */
export function useRotateSigningKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateSigningKey,
    onSuccess: (keys) => queryClient.setQueryData(signingKeysQueryKey, keys),
  });
}
