import { useMutation, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AlertSettings } from '@/client/types.gen';

import { alertSettingsQueryKey } from './get-alert-settings';

export async function setAlertSettings(accountId: string, settings: AlertSettings): Promise<AlertSettings> {
  const { data } = await sdk.setAlertSettings({ path: { account_id: accountId }, body: settings });
  return data;
}

/** Saves the account's alert settings; the answer is what is now in force; after a refusal they are fetched again. */
export function useSetAlertSettings(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: AlertSettings) => setAlertSettings(accountId, settings),
    onSuccess: (settings) => queryClient.setQueryData(alertSettingsQueryKey(accountId), settings),
    onError: () => queryClient.invalidateQueries({ queryKey: alertSettingsQueryKey(accountId) }),
  });
}
