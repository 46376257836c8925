import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';

import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { AccessKeysPanel } from '@/features/access-keys/components/access-keys-panel';
import { useMe } from '@/features/auth/api/get-me';
import { useAccountUser } from '@/features/users/api/get-user';
import { canCreateKeys } from '@/lib/authorization';
import { stepUpFactor } from '@/lib/step-up';

/**
 * An administrator's view of one person's access keys: see, stop, start or delete them, or (the
 * account's own admins) make one after confirming it is them, with their own code or password.
 */
export default function PersonKeysRoute() {
  const { accountId = '', userId = '' } = useParams();
  const person = useAccountUser(accountId, userId);
  const { data: me } = useMe();

  if (!me) return null;
  if (person.isPending) return <PageLoader label="Loading the person…" />;
  if (person.isError) return <QueryError error={person.error} onRetry={() => void person.refetch()} />;

  return (
    <Stack>
      <Anchor component={Link} to={paths.accountUsers.getHref(accountId)} size="sm">
        People of {accountId}
      </Anchor>
      <Title order={1}>Access keys of {person.data.username}</Title>
      <Text c="dimmed" size="sm">
        {person.data.display_name} · {person.data.email}
      </Text>
      {!canCreateKeys(me) && (
        <Text size="sm">
          Staff switch keys off and delete them; only the account&apos;s own people make new ones.
        </Text>
      )}
      <AccessKeysPanel
        accountId={accountId}
        userId={userId}
        canCreate={canCreateKeys(me)}
        stepUp={stepUpFactor(me)}
      />
    </Stack>
  );
}
