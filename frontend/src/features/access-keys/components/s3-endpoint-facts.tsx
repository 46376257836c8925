import { Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';

import type { S3Endpoint } from '@/client/types.gen';

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap={4} wrap="nowrap">
        <Code>{value}</Code>
        <CopyButton value={value}>
          {({ copied, copy }) => (
            <Button variant="subtle" size="compact-xs" aria-label={`Copy the ${label}`} onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/** What an S3 tool needs beside the key: where the storage system answers, and the signing region. */
export function S3EndpointFacts({ s3 }: { s3: S3Endpoint }) {
  return (
    <Group gap="xl" align="flex-start" data-testid="s3-endpoint-facts">
      <Fact label="S3 endpoint" value={s3.endpoint_url} />
      <Fact label="Region" value={s3.region} />
    </Group>
  );
}
