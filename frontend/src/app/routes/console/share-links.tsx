import { Stack, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';

import { ShareLinksTable } from '@/features/share-links/components/share-links-table';

/** The account's share links: its admins see and revoke all, members their own. */
export default function ShareLinksRoute() {
  const { accountId = '' } = useParams();
  return (
    <Stack>
      <Title order={1}>Share links</Title>
      <Text c="dimmed" size="sm">
        Links to files that work without signing in, until they expire, are used up or are revoked.
      </Text>
      <ShareLinksTable key={accountId} accountId={accountId} />
    </Stack>
  );
}
