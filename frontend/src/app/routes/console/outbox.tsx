import { Stack, Text, Title } from '@mantine/core';

import { OutboxTable } from '@/features/outbox/components/outbox-table';

export default function OutboxRoute() {
  return (
    <Stack>
      <Title order={1}>Outbox</Title>
      <Text c="dimmed" size="sm">
        Mails Coffer queued, as sent to the development mail sink. Click a mail to read it.
      </Text>
      <OutboxTable />
    </Stack>
  );
}
