import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { AlertSettings } from '@/client/types.gen';

function alertSettingsQueryKey(accountId: string) {
  return ['accounts', accountId, 'alert-settings'] as const;
}

/** Who gets the account's quota alerts, and how. */
export function useAlertSettings(accountId: string) {
  return useQuery(
    queryOptions({
      queryKey: alertSettingsQueryKey(accountId),
      queryFn: async () => (await sdk.getAlertSettings({ path: { account_id: accountId } })).data,
    }),
  );
}

/** Saves the settings; after a refusal they are fetched again so the switches show what is in force. */
export function useSetAlertSettings(accountId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (settings: AlertSettings) =>
      (await sdk.setAlertSettings({ path: { account_id: accountId }, body: settings })).data,
    onSuccess: (settings) => queryClient.setQueryData(alertSettingsQueryKey(accountId), settings),
    onError: () => queryClient.invalidateQueries({ queryKey: alertSettingsQueryKey(accountId) }),
  });
}
