import { Stack, Title } from '@mantine/core';

import { useMe } from '@/features/auth/api/get-me';
import { ProfileSummary } from '@/features/auth/components/profile-summary';

export default function OverviewRoute() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <Stack>
      <Title order={1}>Overview</Title>
      <ProfileSummary me={me} />
    </Stack>
  );
}
