import { Group, Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { BucketsTable } from '@/features/buckets/components/buckets-table';
import { CreateBucketButton } from '@/features/buckets/components/create-bucket-button';
import { canBrowseObjects, canManageBuckets } from '@/lib/authorization';

export default function BucketsRoute() {
  const { accountId = '' } = useParams();
  const { data: me } = useMe();
  const manage = me !== undefined && canManageBuckets(me, accountId);
  const browse = me && canBrowseObjects(me, accountId);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>Buckets</Title>
        {manage && <CreateBucketButton key={accountId} accountId={accountId} />}
      </Group>
      <Text c="dimmed" size="sm">
        Account {accountId}
      </Text>
      <BucketsTable
        key={accountId}
        accountId={accountId}
        canManage={manage}
        bucketHref={browse ? (bucket) => paths.accountBucket.getHref(accountId, bucket) : undefined}
      />
    </Stack>
  );
}
