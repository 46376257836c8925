/** Whose usage a view shows: one account's, or (accountId null) the whole platform's. */
export type UsageScope = { accountId: string | null };

export const PLATFORM_SCOPE: UsageScope = { accountId: null };

/** Every query about metering starts with this key. */
export const meteringQueryKey = ['metering'] as const;

/** The queries of one scope's series start with this key: a refresh asks them all again. */
export function usageQueryKey({ accountId }: UsageScope) {
  return accountId === null
    ? ([...meteringQueryKey, 'platform'] as const)
    : ([...meteringQueryKey, 'accounts', accountId] as const);
}
