import { Button, Card, Code, CopyButton, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import type { CliCredentials } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { formatDateTime } from '@/lib/dates';

import { CLI_CREDENTIAL_LIFETIMES, useMintCliCredentials } from '../api/mint-cli-credentials';

const LIFETIME_OPTIONS = CLI_CREDENTIAL_LIFETIMES.map(({ seconds, label }) => ({ value: String(seconds), label }));
const DEFAULT_LIFETIME = '3600';

/** Shell lines that set the credentials for the AWS CLI and SDKs, and how to point them at Coffer's endpoint. */
export function cliSnippet(credentials: CliCredentials): string {
  return [
    `export AWS_ACCESS_KEY_ID=${credentials.access_key_id}`,
    `export AWS_SECRET_ACCESS_KEY=${credentials.secret_access_key}`,
    `export AWS_SESSION_TOKEN=${credentials.session_token}`,
    `export AWS_DEFAULT_REGION=${credentials.region}`,
    `# endpoint: aws --endpoint-url ${credentials.endpoint_url} s3 ls`,
  ].join('\n');
}

function MintedCredentials({ credentials, onDone }: { credentials: CliCredentials; onDone: () => void }) {
  const snippet = cliSnippet(credentials);
  return (
    <Stack>
      <Text size="sm">
        Expires{' '}
        <time dateTime={credentials.expires_at} data-testid="cli-credentials-expires-at">
          {formatDateTime(credentials.expires_at)}
        </time>
      </Text>
      <Code block data-testid="cli-credentials-snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {snippet}
      </Code>
      <Text size="sm" fw={600} c="orange.8">
        These are shown only once: Coffer keeps no copy.
      </Text>
      <Group gap="xs">
        <CopyButton value={`${snippet}\n`}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={onDone}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Temporary credentials for the signed-in person's own tools, shown once. They live only in the
 * mutation's result until "Done"; a refusal (e.g. a session about to end) leaves the chosen lifetime as it was.
 */
export function CliCredentialsCard() {
  const [lifetime, setLifetime] = useState(DEFAULT_LIFETIME);
  const mint = useMintCliCredentials();

  return (
    <Card withBorder padding="lg" maw={760} w="100%">
      <Stack>
        <Text size="sm">
          Credentials for the AWS CLI or an SDK with the same rights as your console session. They stop working when
          their lifetime is over, and never later than your session ends.
        </Text>
        <FormError error={mint.error} />
        {mint.data ? (
          <MintedCredentials credentials={mint.data} onDone={() => mint.reset()} />
        ) : (
          <Group align="flex-end">
            <Select
              label="Lifetime"
              data={LIFETIME_OPTIONS}
              value={lifetime}
              onChange={(value) => value && setLifetime(value)}
              allowDeselect={false}
              w={200}
            />
            <Button loading={mint.isPending} onClick={() => mint.mutate(Number(lifetime))}>
              Create temporary credentials
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
