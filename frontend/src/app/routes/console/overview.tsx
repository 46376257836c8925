import { Stack, Title } from '@mantine/core';

import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { useAccount } from '@/features/accounts/api/get-account';
import { AccountSummary } from '@/features/accounts/components/account-summary';
import { useMe } from '@/features/auth/api/get-me';
import { ProfileSummary } from '@/features/auth/components/profile-summary';

/** The account's facts and usage, for the people of that account. */
function OwnAccount({ accountId }: { accountId: string }) {
  const account = useAccount(accountId);
  if (account.isPending) return <PageLoader label="Loading your account…" />;
  if (account.isError) return <QueryError error={account.error} onRetry={() => void account.refetch()} />;
  return <AccountSummary account={account.data} />;
}

export default function OverviewRoute() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>Overview</Title>
      <ProfileSummary me={me} />
      {me.account_id && (
        <>
          <Title order={2} size="h3">
            Your account
          </Title>
          <OwnAccount accountId={me.account_id} />
        </>
      )}
    </Stack>
  );
}
