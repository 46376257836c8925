import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import type { Me } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { useAccessKeys } from '@/features/access-keys/api/list-access-keys';
import { S3EndpointFacts } from '@/features/access-keys/components/s3-endpoint-facts';
import { getAccountRequestSeriesQueryOptions } from '@/features/metering/api/get-account-request-series';
import { useAccountQuota } from '@/features/quotas/api/get-account-quota';
import { quotaBytesText } from '@/features/quotas/components/account-quota-summary';
import { QuotaBar } from '@/features/quotas/components/quota-bar';
import { canCreateKeys, canManageBuckets, canManagePeople } from '@/lib/authorization';
import { formatBytes, formatCount } from '@/lib/units';

import { AlertsCard, RequestsCard } from './activity-cards';
import { LAST_DAY } from './series-figures';
import { LOADING, StatCard } from './stat-card';

/** A tenant's account at a glance: use against quota, traffic, alerts, where to connect, what to do next. */
export function TenantOverview({ me, accountId }: { me: Me; accountId: string }) {
  const quota = useAccountQuota(accountId);
  const requests = useQuery(getAccountRequestSeriesQueryOptions(accountId, LAST_DAY));
  const keys = useAccessKeys({ accountId, userId: me.user_id });
  const used = quota.data?.bytes_used;

  return (
    <Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
        <StatCard
          title="Capacity used"
          to={paths.accountUsage.getHref(accountId)}
          linkLabel="View usage"
          value={used === undefined ? LOADING : used === null ? '—' : formatBytes(used)}
          note={
            quota.data?.quota_bytes == null
              ? 'no quota'
              : quotaBytesText(quota.data, quota.data.quota_bytes)
          }
        >
          {quota.data?.quota_bytes != null && <QuotaBar label="Account quota" percent={quota.data.used_percent} level={quota.data.level} />}
        </StatCard>
        <StatCard
          title="Objects"
          to={paths.accountBuckets.getHref(accountId)}
          linkLabel="See what is stored"
          value={quota.data === undefined ? LOADING : quota.data.objects === null ? '—' : formatCount(quota.data.objects)}
          note={quota.data?.objects === null ? 'not measured yet' : 'in all buckets'}
        />
        <RequestsCard series={requests.data} to={paths.accountUsage.getHref(accountId)} />
        <AlertsCard />
        <StatCard title="Connect your S3 tools" to={paths.accessKeys.getHref()} linkLabel="Manage your keys">
          {keys.data ? <S3EndpointFacts s3={keys.data.s3} /> : <Text size="sm">{LOADING}</Text>}
        </StatCard>
        <StatCard title="Quick actions">
          <Group gap="xs">
            {canManageBuckets(me, accountId) && (
              <Button component={Link} to={paths.accountBuckets.getHref(accountId)} variant="light" size="xs">
                Create a bucket
              </Button>
            )}
            {canCreateKeys(me) && (
              <Button component={Link} to={paths.accessKeys.getHref()} variant="light" size="xs">
                Create an access key
              </Button>
            )}
            {canManagePeople(me, accountId) && (
              <Button component={Link} to={paths.accountUsers.getHref(accountId)} variant="light" size="xs">
                Add a person
              </Button>
            )}
          </Group>
        </StatCard>
      </SimpleGrid>
    </Stack>
  );
}
