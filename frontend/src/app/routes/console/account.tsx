import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';

import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { useAccount } from '@/features/accounts/api/get-account';
import { AccountActions } from '@/features/accounts/components/account-actions';
import { AccountSummary } from '@/features/accounts/components/account-summary';
import { ProvisioningSteps } from '@/features/accounts/components/provisioning-steps';
import { useMe } from '@/features/auth/api/get-me';
import { canManageAccounts, canReadPeople } from '@/lib/authorization';

export default function AccountRoute() {
  const { accountId = '' } = useParams();
  const { data: me } = useMe();
  const account = useAccount(accountId);

  if (account.isPending) return <PageLoader label="Loading the account…" />;
  if (account.isError) return <QueryError error={account.error} onRetry={() => void account.refetch()} />;
  const detail = account.data;

  return (
    <Stack>
      <Anchor component={Link} to={paths.accounts.getHref()} size="sm">
        All accounts
      </Anchor>
      <Group justify="space-between">
        <Title order={1}>{detail.display_name}</Title>
        <Group gap="xs">
          {detail.status !== 'deleted' && me && canReadPeople(me, detail.id) && (
            <Button component={Link} to={paths.accountUsers.getHref(detail.id)} variant="light">
              People
            </Button>
          )}
          {detail.status !== 'deleted' && (
            <Button component={Link} to={paths.accountBuckets.getHref(detail.id)} variant="light">
              View buckets
            </Button>
          )}
          {/* Usage outlives the account: its figures stay readable once it is deleted. */}
          <Button component={Link} to={paths.accountUsage.getHref(detail.id)} variant="light">
            Usage
          </Button>
        </Group>
      </Group>
      {me && canManageAccounts(me) && <AccountActions account={detail} />}
      {detail.usage_error && (
        <Alert color="yellow" title="Usage not available">
          {detail.usage_error}
        </Alert>
      )}
      <AccountSummary account={detail} />
      {detail.deletion_steps.length > 0 && (
        <>
          <Title order={2} size="h3">
            Deletion
          </Title>
          <ProvisioningSteps steps={detail.deletion_steps} saga="Deletion" />
        </>
      )}
      <Title order={2} size="h3">
        Provisioning
      </Title>
      <ProvisioningSteps steps={detail.steps} />
    </Stack>
  );
}
