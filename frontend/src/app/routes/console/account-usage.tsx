import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';

import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { useAccount } from '@/features/accounts/api/get-account';
import { useMe } from '@/features/auth/api/get-me';
import { useAccountBuckets } from '@/features/buckets/api/list-account-buckets';
import { ExportUsageForm } from '@/features/metering/components/export-usage-form';
import type { Quota } from '@/features/metering/components/usage-cards';
import type { BucketChoices } from '@/features/metering/components/usage-controls';
import { UsageDashboard } from '@/features/metering/components/usage-dashboard';
import { useAccountQuota } from '@/features/quotas/api/get-account-quota';
import { AlertSettingsSection } from '@/features/quotas/components/alert-settings-section';
import { QuotasSection } from '@/features/quotas/components/quotas-section';
import { canReadAccounts, canSetAccountQuota, canSetAlertSettings, canSetBucketQuotas } from '@/lib/authorization';

/**
 * An account's usage, its quotas and who gets its quota alerts, for the platform's staff and the
 * account's own people. The charts do not wait for the account: its usage outlives it, so an account
 * that cannot be read is named by its id (and its quotas and alerts can no longer be changed).
 */
export default function AccountUsageRoute() {
  const { accountId = '' } = useParams();
  const { data: me } = useMe();
  const account = useAccount(accountId);
  const buckets = useAccountBuckets(accountId);
  // The "Quota used" card and the quotas below read the same answer, so a quota saved shows in both.
  const accountQuota = useAccountQuota(accountId);

  const quota: Quota = accountQuota.isSuccess
    ? { status: 'success', account: accountQuota.data }
    : { status: accountQuota.isPending ? 'pending' : 'error' };
  const bucketChoices: BucketChoices = {
    status: buckets.status,
    names: buckets.data?.items.map((bucket) => bucket.name) ?? [],
  };
  const gone = (account.isError && account.error.status === 404) || account.data?.status === 'deleted';
  // Quotas and alert settings change only while the account exists; the server decides again.
  const changeable = me !== undefined && !gone;

  return (
    <Stack>
      {me && canReadAccounts(me) && (
        <Anchor component={Link} to={paths.account.getHref(accountId)} size="sm">
          Back to the account
        </Anchor>
      )}
      <Title order={1}>Usage of {account.data?.display_name || accountId}</Title>
      {account.isError &&
        (account.error.status === 404 ? (
          <Text c="dimmed" size="sm">
            This account no longer exists; its recorded usage remains.
          </Text>
        ) : (
          <QueryError error={account.error} onRetry={() => void account.refetch()} />
        ))}
      <UsageDashboard key={accountId} scope={{ accountId }} quota={quota} buckets={bucketChoices} />
      <QuotasSection
        key={`quotas-${accountId}`}
        accountId={accountId}
        canSetAccountQuota={changeable && canSetAccountQuota(me)}
        canSetBucketQuotas={changeable && canSetBucketQuotas(me, accountId)}
      />
      <AlertSettingsSection
        key={`alerts-${accountId}`}
        accountId={accountId}
        canEdit={changeable && canSetAlertSettings(me, accountId)}
      />
      <ExportUsageForm accountId={accountId} />
    </Stack>
  );
}
