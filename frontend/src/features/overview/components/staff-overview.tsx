import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import type { AccountCounts } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { usePendingRequestCount } from '@/features/account-requests/api/list-account-requests';
import { ACCOUNT_STATUSES, type AccountStatus } from '@/features/accounts/account-status';
import { getPlatformCapacitySeriesQueryOptions } from '@/features/metering/api/get-platform-capacity-series';
import { getPlatformRequestSeriesQueryOptions } from '@/features/metering/api/get-platform-request-series';
import { useTopAccounts } from '@/features/metering/api/list-top-accounts';
import { formatBytes, formatCount, formatCountOf } from '@/lib/units';

import { AlertsCard, RequestsCard } from './activity-cards';
import { LAST_DAY, latestCapacity, seriesTimes } from './series-figures';
import { Sparkline } from './sparkline';
import { LOADING, StatCard } from './stat-card';
import { useAccountCounts } from '../api/count-accounts';

/** A line of badges, its height kept while the counts load so the cards below stay where they are. */
function StatusCounts({ counts }: { counts: AccountCounts | undefined }) {
  const shown = (Object.keys(ACCOUNT_STATUSES) as AccountStatus[]).filter(
    (status) => status !== 'deleted' && (counts?.by_status[status] ?? 0) > 0,
  );
  return (
    <Group gap={6} mih={20}>
      {shown.map((status) => (
        <Badge key={status} variant="light" color={ACCOUNT_STATUSES[status].color}>
          {`${formatCount(counts?.by_status[status] ?? 0)} ${ACCOUNT_STATUSES[status].label.toLowerCase()}`}
        </Badge>
      ))}
    </Group>
  );
}

/** The operator's day at a glance: each card a figure and the page behind it. */
export function StaffOverview() {
  const counts = useAccountCounts();
  const pending = usePendingRequestCount();
  const capacity = useQuery(getPlatformCapacitySeriesQueryOptions(LAST_DAY));
  const requests = useQuery(getPlatformRequestSeriesQueryOptions(LAST_DAY));
  const top = useTopAccounts(5);
  const latest = latestCapacity(capacity.data);

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <StatCard
          title="Accounts"
          to={paths.accounts.getHref()}
          value={counts.data ? formatCount(counts.data.total) : LOADING}
        >
          <StatusCounts counts={counts.data} />
        </StatCard>
        <StatCard
          title="Account requests"
          to={paths.accountRequests.getHref()}
          value={pending.data === undefined ? LOADING : formatCount(pending.data)}
          note="waiting for a decision"
        />
        <AlertsCard />
        <StatCard
          title="Capacity used"
          to={paths.usage.getHref()}
          linkLabel="View platform usage"
          value={latest?.bytes_used == null ? '—' : formatBytes(latest.bytes_used)}
          note={latest?.objects == null ? 'not measured yet' : formatCountOf(latest.objects, 'object')}
        >
          <Sparkline
            times={capacity.data && seriesTimes(capacity.data.points)}
            values={capacity.data?.points.map((point) => point.bytes_used)}
          />
        </StatCard>
        <RequestsCard series={requests.data} to={paths.usage.getHref()} />
        <StatCard title="Top accounts" to={paths.usage.getHref()} linkLabel="View all usage" note="by capacity used">
          {top.data && top.data.items.length === 0 && <Text size="sm">No usage recorded yet.</Text>}
          {top.data && top.data.items.length > 0 && (
            <Table withRowBorders={false} verticalSpacing={2} fz="sm">
              <Table.Tbody>
                {top.data.items.map((account) => (
                  <Table.Tr key={account.account_id}>
                    <Table.Td>
                      <Anchor component={Link} to={paths.account.getHref(account.account_id)} size="sm">
                        {account.display_name ?? account.account_id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text span size="sm">
                        {account.bytes_used === null ? '—' : formatBytes(account.bytes_used)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </StatCard>
      </SimpleGrid>
    </Stack>
  );
}
