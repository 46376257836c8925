import { SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId } from 'react';

import type { AlertSettings } from '@/client/types.gen';
import { FormError } from '@/components/form-error';

import { useAlertSettings, useSetAlertSettings } from '../api/alert-settings';

/**
 * Who gets the account's quota alerts and how. Platform admins always get them; the account's admins
 * when it opts in. Each threshold alerts once per crossing and re-arms when usage falls below it.
 */
export function AlertSettingsSection({ accountId, canEdit }: { accountId: string; canEdit: boolean }) {
  const settings = useAlertSettings(accountId);
  const save = useSetAlertSettings(accountId);
  const headingId = useId();
  const mailId = useId();

  const change = (next: Partial<AlertSettings>) => {
    if (!settings.data) return;
    save.mutate(
      { ...settings.data, ...next },
      { onSuccess: () => notifications.show({ color: 'green', message: 'Alert settings saved.' }) },
    );
  };

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        Quota alerts
      </Title>
      <Text size="sm" c="dimmed">
        Warning, critical and exceeded each alert once when usage crosses them, and again only after usage has
        fallen below. Platform admins always get the alerts; they are also listed under Notifications.
      </Text>
      <FormError error={save.error ?? settings.error} />
      {settings.data && (
        <>
          <Switch
            label="Send alerts to this account's admins"
            checked={settings.data.notify_account_admins}
            disabled={!canEdit || save.isPending}
            onChange={(event) => change({ notify_account_admins: event.currentTarget.checked })}
          />
          <Text size="sm" id={mailId}>
            Alert mail
          </Text>
          <SegmentedControl
            aria-labelledby={mailId}
            w="fit-content"
            value={settings.data.delivery}
            disabled={!canEdit || save.isPending}
            data={[
              { value: 'each-crossing', label: 'At each crossing' },
              { value: 'daily-digest', label: 'Daily digest' },
            ]}
            onChange={(value) => change({ delivery: value })}
          />
        </>
      )}
    </Stack>
  );
}
