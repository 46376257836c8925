import { Stack, Text, Title } from '@mantine/core';

import { useMe } from '@/features/auth/api/get-me';
import { StaffOverview } from '@/features/overview/components/staff-overview';
import { TenantOverview } from '@/features/overview/components/tenant-overview';
import { isAccountRole, roleLabel } from '@/lib/authorization';

/** What matters today, as cards that lead to their pages; who the person is lives on their profile. */
export default function OverviewRoute() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Stack gap={0}>
        <Title order={1}>Overview</Title>
        <Text c="dimmed" size="sm">
          {me.display_name} ({me.username}) · {roleLabel(me.role)}
          {me.account_id ? ` · account ${me.account_id}` : ''}
        </Text>
      </Stack>
      {isAccountRole(me.role) && me.account_id ? (
        <TenantOverview me={me} accountId={me.account_id} />
      ) : (
        <StaffOverview />
      )}
    </Stack>
  );
}
