import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AlertSettings } from '@/client/types.gen';

export function alertSettingsQueryKey(accountId: string) {
  return ['accounts', accountId, 'alert-settings'] as const;
}

export async function getAlertSettings(accountId: string): Promise<AlertSettings> {
  const { data } = await sdk.getAlertSettings({ path: { account_id: accountId } });
  return data;
}

export function getAlertSettingsQueryOptions(accountId: string) {
  return queryOptions({ queryKey: alertSettingsQueryKey(accountId), queryFn: () => getAlertSettings(accountId) });
}

/** Whether the account's admins get its quota alerts too, and whether by mail at each crossing or daily. */
export function useAlertSettings(accountId: string) {
  return useQuery(getAlertSettingsQueryOptions(accountId));
}
