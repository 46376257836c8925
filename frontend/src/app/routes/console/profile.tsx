import { Stack, Title } from '@mantine/core';
import { useId } from 'react';

import { useMe } from '@/features/auth/api/get-me';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { OwnSessionsTable } from '@/features/auth/components/own-sessions-table';
import { ProfileSummary } from '@/features/auth/components/profile-summary';
import { TwoFactorSettings } from '@/features/auth/components/two-factor-settings';

export default function ProfileRoute() {
  const { data: me } = useMe();
  const twoFactorTitleId = useId();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>Your profile</Title>
      <ProfileSummary me={me} />
      <Title order={2} size="h3">
        Your sessions
      </Title>
      <OwnSessionsTable />
      <Title order={2} size="h3">
        Change password
      </Title>
      <ChangePasswordForm />
      <section aria-labelledby={twoFactorTitleId}>
        <Stack>
          <Title order={2} size="h3" id={twoFactorTitleId}>
            Two-factor authentication
          </Title>
          <TwoFactorSettings enrolled={me.mfa_enrolled} />
        </Stack>
      </section>
    </Stack>
  );
}
