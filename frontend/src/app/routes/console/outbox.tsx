import { Stack, Text, Title } from '@mantine/core';

import { OutboxTable } from '@/features/outbox/components/outbox-table';

export default function OutboxRoute() {
  return (
    <Stack>
      <Title order={1}>Outbox</Title>
      <Text c="dimmed" size="sm">
        Mails Coffer queued, as sent to the development mail sink. Click a mail to read it. One-time
        passwords and links are kept sealed until a mail is sent and not kept after: read them in the
        mail itself (the sink keeps every mail in var/mail).
      </Text>
      <OutboxTable />
    </Stack>
  );
}
