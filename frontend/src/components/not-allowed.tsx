import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

import type { Me } from '@/client/types.gen';
import { paths } from '@/config/paths';
import { isAccountRole, roleLabel } from '@/lib/authorization';

/** In place of a page the person's role does not include: said once, with the way back. */
export function NotAllowed({ me }: { me: Me }) {
  const whom = isAccountRole(me.role) ? 'an administrator of your account' : 'a platform administrator';
  return (
    <Stack align="flex-start">
      <Title order={1}>Not allowed</Title>
      <Text>
        This page is not part of what a {roleLabel(me.role).toLowerCase()} can see. If you need it, ask {whom}.
      </Text>
      <Anchor component={Link} to={paths.overview.getHref()}>
        Go to the overview
      </Anchor>
    </Stack>
  );
}
