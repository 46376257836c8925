import { Anchor, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';

import type { AccountDetail } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { CreateAccountForm } from '@/features/accounts/components/create-account-form';

export default function NewAccountRoute() {
  const navigate = useNavigate();
  const created = (account: AccountDetail) => {
    notifications.show(
      account.status === 'failed'
        ? { color: 'red', message: `${account.display_name} was created, but its provisioning failed.` }
        : { color: 'green', message: `${account.display_name} is created.` },
    );
    void navigate(paths.account.getHref(account.id));
  };
  return (
    <Stack>
      <Anchor component={Link} to={paths.accounts.getHref()} size="sm">
        All accounts
      </Anchor>
      <Title order={1}>New account</Title>
      <CreateAccountForm onCreated={created} />
    </Stack>
  );
}
