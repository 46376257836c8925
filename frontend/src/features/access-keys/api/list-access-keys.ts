import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AccessKeyList } from '@/client/types.gen';

/** The person whose keys these are. */
export type KeyOwner = { accountId: string; userId: string };

/** Under the account and the person, so a change to the person (e.g. disabling them) can refetch their keys too. */
export function accessKeysQueryKey({ accountId, userId }: KeyOwner) {
  return ['accounts', accountId, 'users', userId, 'keys'] as const;
}

export async function listAccessKeys({ accountId, userId }: KeyOwner): Promise<AccessKeyList> {
  const { data } = await sdk.listAccessKeys({ path: { account_id: accountId, user_id: userId } });
  return data;
}

export function listAccessKeysQueryOptions(owner: KeyOwner) {
  return queryOptions({ queryKey: accessKeysQueryKey(owner), queryFn: () => listAccessKeys(owner) });
}

/** A person's access keys (ids and status only: the server never answers with a secret here) and how many they may have. */
export function useAccessKeys(owner: KeyOwner) {
  return useQuery(listAccessKeysQueryOptions(owner));
}
