import { Button, Card, Code, CopyButton, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { CliCredentials } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { StepUpField } from '@/components/step-up-field';
import { formatDateTime } from '@/lib/dates';
import {
  EMPTY_STEP_UP,
  setStepUpErrors,
  stepUpBody,
  stepUpFormError,
  stepUpValidation,
  type StepUpFactor,
} from '@/lib/step-up';

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
 * Temporary credentials for the signed-in person's own tools, shown once, after they confirm it is
 * them (`stepUp`: their TOTP code, or their password if they have no MFA). The credentials live only
 * in the mutation's result until "Done". A refusal (a wrong code, a session about to end) is shown
 * at the field or above the form and leaves what was chosen and typed as it was; after success the
 * code or password is cleared.
 */
export function CliCredentialsCard({ stepUp }: { stepUp: StepUpFactor }) {
  const mint = useMintCliCredentials();
  const form = useForm({
    mode: 'controlled',
    initialValues: { lifetime: DEFAULT_LIFETIME, ...EMPTY_STEP_UP },
    validate: stepUpValidation(stepUp),
  });

  const submit = form.onSubmit(({ lifetime, ...factor }) =>
    mint.mutate(
      { duration_seconds: Number(lifetime), ...stepUpBody(stepUp, factor) },
      {
        onSuccess: () => form.setValues(EMPTY_STEP_UP),
        onError: (error) => setStepUpErrors(form, error, stepUp),
      },
    ),
  );

  return (
    <Card withBorder padding="lg" maw={760} w="100%">
      <Stack>
        <Text size="sm">
          Credentials for the AWS CLI or an SDK with the same rights as your console session. They stop working when
          their lifetime is over, and never later than your session ends.
        </Text>
        <FormError error={stepUpFormError(mint.error, stepUp)} />
        {mint.data ? (
          <MintedCredentials credentials={mint.data} onDone={() => mint.reset()} />
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack align="flex-start">
              <Group align="flex-start">
                <Select
                  label="Lifetime"
                  data={LIFETIME_OPTIONS}
                  value={form.values.lifetime}
                  onChange={(value) => value && form.setFieldValue('lifetime', value)}
                  allowDeselect={false}
                  w={200}
                />
                <StepUpField factor={stepUp} w={260} {...form.getInputProps(stepUp)} />
              </Group>
              <Button type="submit" loading={mint.isPending}>
                Create temporary credentials
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
