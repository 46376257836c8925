import { AppShell, Burger, Button, Container, Group, NavLink, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';

import type { Me } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { UserMenu } from '@/features/auth/components/user-menu';
import { useSessionEndCheck } from '@/features/auth/session-end-check';
import { ownBucketsAccount } from '@/lib/authorization';

/** Every signed-in view: it needs `me`; without a session the 401 handler routes to sign-in. */
export default function ConsoleLayout() {
  const me = useMe();

  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <Container size="sm" py="xl">
        <Stack align="flex-start">
          <FormError error={me.error} />
          <Button variant="light" onClick={() => void me.refetch()}>
            Try again
          </Button>
        </Stack>
      </Container>
    );
  }
  return <Shell me={me.data} />;
}

function Shell({ me }: { me: Me }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  useSessionEndCheck(me.session.expires_at);

  const bucketsAccount = ownBucketsAccount(me);
  const links = [{ label: 'Overview', href: paths.overview.getHref() }];
  if (bucketsAccount) links.push({ label: 'Buckets', href: paths.accountBuckets.getHref(bucketsAccount) });

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4">
              Coffer
            </Title>
          </Group>
          <Group gap="xs">
            <UserMenu me={me} />
            <SignOutButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {links.map((link) => (
          <NavLink
            key={link.href}
            component={Link}
            to={link.href}
            label={link.label}
            active={pathname === link.href}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
