import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

import type { SettingSupport } from '@/client/types.gen';

/** One setting's box: its title, what it does, and its form, or why the storage system does not offer it. */
export function SettingCard({
  title,
  description,
  support,
  children,
}: {
  title: string;
  description: string;
  support: SettingSupport;
  children?: ReactNode;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={2} size="h4">
            {title}
          </Title>
          {!support.supported && (
            <Badge color="gray" variant="light">
              Not offered
            </Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        {support.supported ? children : <Text size="sm">{support.why_not || 'The storage system does not offer this.'}</Text>}
      </Stack>
    </Paper>
  );
}
