import { Stack, Title } from '@mantine/core';

import { useMe } from '@/features/auth/api/get-me';
import { ChangePasswordForm } from '@/features/auth/components/change-password-form';
import { NewRecoveryCodesForm } from '@/features/auth/components/new-recovery-codes-form';
import { OwnSessionsTable } from '@/features/auth/components/own-sessions-table';
import { ProfileSummary } from '@/features/auth/components/profile-summary';

export default function ProfileRoute() {
  const { data: me } = useMe();
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
      <Title order={2} size="h3">
        Recovery codes
      </Title>
      <NewRecoveryCodesForm />
    </Stack>
  );
}
