import { Stack, Title } from '@mantine/core';

import { TopAccountsTable } from '@/features/metering/components/top-accounts-table';
import { UsageDashboard } from '@/features/metering/components/usage-dashboard';
import { PLATFORM_SCOPE } from '@/features/metering/usage-scope';

/** The whole platform's usage and the accounts using most, for the platform's staff. */
export default function PlatformUsageRoute() {
  return (
    <Stack>
      <Title order={1}>Platform usage</Title>
      <UsageDashboard scope={PLATFORM_SCOPE} />
      <TopAccountsTable />
    </Stack>
  );
}
