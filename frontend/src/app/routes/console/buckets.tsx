import { Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { BucketsTable } from '@/features/buckets/components/buckets-table';
import { canBrowseObjects } from '@/lib/authorization';

export default function BucketsRoute() {
  const { accountId = '' } = useParams();
  const { data: me } = useMe();
  const browse = me && canBrowseObjects(me, accountId);
  return (
    <Stack>
      <Title order={1}>Buckets</Title>
      <Text c="dimmed" size="sm">
        Account {accountId}
      </Text>
      <BucketsTable
        key={accountId}
        accountId={accountId}
        bucketHref={browse ? (bucket) => paths.accountBucket.getHref(accountId, bucket) : undefined}
      />
    </Stack>
  );
}
