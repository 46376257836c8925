import { Stack, Text, Title } from '@mantine/core';

import { AccessKeysPanel } from '@/features/access-keys/components/access-keys-panel';
import { CliCredentialsCard } from '@/features/access-keys/components/cli-credentials-card';
import { useMe } from '@/features/auth/api/get-me';
import { stepUpFactor } from '@/lib/step-up';

/** The signed-in person's own access keys and temporary credentials; staff have no storage account to hold them. */
export default function AccessKeysRoute() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>Access keys</Title>
      {me.account_id ? (
        <>
          <Title order={2} size="h3">
            Your access keys
          </Title>
          <AccessKeysPanel
            key={me.user_id}
            accountId={me.account_id}
            userId={me.user_id}
            canCreate
            stepUp={stepUpFactor(me)}
          />
          <Title order={2} size="h3">
            Temporary credentials for your tools
          </Title>
          <CliCredentialsCard key={stepUpFactor(me)} stepUp={stepUpFactor(me)} />
        </>
      ) : (
        <Text>
          Staff hold no storage keys: access keys and temporary credentials belong to the people of a storage account.
        </Text>
      )}
    </Stack>
  );
}
