import { SegmentedControl, Skeleton, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId } from 'react';

import type { AlertSettings } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { QueryError } from '@/components/query-error';

import { useAlertSettings } from '../api/get-alert-settings';
import { useSetAlertSettings } from '../api/set-alert-settings';

type Delivery = AlertSettings['delivery'];

const DELIVERIES: { value: Delivery; label: string }[] = [
  { value: 'each-crossing', label: 'At each crossing' },
  { value: 'daily-digest', label: 'Daily digest' },
];

type AlertSettingsSectionProps = {
  accountId: string;
  /** Platform administrators and the account's administrators change them; others only read them. */
  canEdit: boolean;
};

/**
 * Who gets the account's quota alerts and how they are mailed, saved as soon as they are changed.
 * While a change is saved it is shown; a refusal puts back what is saved and says why.
 */
export function AlertSettingsSection({ accountId, canEdit }: AlertSettingsSectionProps) {
  const titleId = useId();
  const mailLabelId = useId();
  const settings = useAlertSettings(accountId);
  const change = useSetAlertSettings(accountId);

  let body;
  if (settings.isPending) body = <Skeleton h={96} maw={420} />;
  else if (settings.isError) body = <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;
  else {
    const shown = change.isPending ? change.variables : settings.data;
    const save = (next: Partial<AlertSettings>) =>
      change.mutate(
        { ...shown, ...next },
        { onSuccess: () => notifications.show({ color: 'green', message: 'Alert settings saved.' }) },
      );
    const disabled = !canEdit || change.isPending;
    body = (
      <>
        <Switch
          label="Mail the alerts to this account's admins too"
          checked={shown.notify_account_admins}
          disabled={disabled}
          onChange={(event) => save({ notify_account_admins: event.currentTarget.checked })}
        />
        <Stack gap={4}>
          <Text component="div" id={mailLabelId} size="sm" fw={500}>
            Alert mail
          </Text>
          <SegmentedControl
            aria-labelledby={mailLabelId}
            data={DELIVERIES}
            value={shown.delivery}
            disabled={disabled}
            onChange={(delivery) => save({ delivery })}
            w="fit-content"
          />
        </Stack>
        {!canEdit && (
          <Text size="sm" c="dimmed">
            Platform administrators and the account&apos;s administrators can change these settings.
          </Text>
        )}
        <FormError error={change.error} />
      </>
    );
  }

  return (
    <Stack component="section" aria-labelledby={titleId} gap="sm" maw={760}>
      <Title order={2} size="h3" id={titleId}>
        Quota alerts
      </Title>
      <Text size="sm">
        Warning, critical and exceeded each alert once when usage crosses them, and again only after usage has
        fallen below and crosses them anew. Platform administrators and the account&apos;s administrators see
        every alert under Notifications at once. Platform administrators also get them by mail, the
        account&apos;s administrators when this is on; by mail they come at each crossing or in one digest a day.
      </Text>
      {body}
    </Stack>
  );
}
