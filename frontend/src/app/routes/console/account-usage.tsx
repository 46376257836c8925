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
import { AlertSettingsSection } from '@/features/quotas/components/alert-settings-section';
import { QuotasSection } from '@/features/quotas/components/quotas-section';
import { canReadAccounts, canSetAccountQuota, canSetBucketQuotas } from '@/lib/authorization';

/**
 * An account's usage, for the platform's staff and the account's own people. The charts do not wait
 * for the account: its usage outlives it, so an account that cannot be read is named by its id.
 */
export default function AccountUsageRoute() {
  const { accountId = '' } = useParams();
  const { data: me } = useMe();
  const account = useAccount(accountId);
  const buckets = useAccountBuckets(accountId);

  const quota: Quota = account.isSuccess
    ? { status: 'success', bytes: account.data.quota_bytes }
    : { status: account.isPending ? 'pending' : 'error' };
  const bucketChoices: BucketChoices = {
    status: buckets.status,
    names: buckets.data?.items.map((bucket) => bucket.name) ?? [],
  };

  return (
    <Stack>
      {me && canReadAccounts(me.role) && (
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
        accountId={accountId}
        canSetAccountQuota={me !== undefined && canSetAccountQuota(me.role)}
        canSetBucketQuotas={me !== undefined && canSetBucketQuotas(me, accountId)}
      />
      <AlertSettingsSection accountId={accountId} canEdit={me !== undefined && canSetBucketQuotas(me, accountId)} />
      <ExportUsageForm accountId={accountId} />
    </Stack>
  );
}
