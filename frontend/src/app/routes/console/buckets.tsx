import { Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

import { BucketsTable } from '@/features/buckets/components/buckets-table';

export default function BucketsRoute() {
  const { accountId = '' } = useParams();
  return (
    <Stack>
      <Title order={1}>Buckets</Title>
      <Text c="dimmed" size="sm">
        Account {accountId}
      </Text>
      <BucketsTable key={accountId} accountId={accountId} />
    </Stack>
  );
}
