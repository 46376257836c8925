import { AppShell, Burger, Button, Container, Group, NavLink, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation, useMatches } from 'react-router';

import type { Me } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { NotAllowed } from '@/components/not-allowed';
import { PageLoader } from '@/components/page-loader';
import { MAIN_CONTENT_ID, SkipLink } from '@/components/skip-link';
import { paths } from '@/config/paths';
import { PendingRequestsBadge } from '@/features/account-requests/components/pending-requests-badge';
import { useMe } from '@/features/auth/api/get-me';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { UserMenu } from '@/features/auth/components/user-menu';
import { useSessionEndCheck } from '@/features/auth/session-end-check';
import { NotificationsButton } from '@/features/notifications/components/notifications-button';
import {
  canManagePeople,
  canManageStaff,
  canReadAccounts,
  canReadAudit,
  canReadOutbox,
  canReadPlatformUsage,
  canReadRequests,
  canReadSecurityPolicy,
  isAccountRole,
  ownBucketsAccount,
} from '@/lib/authorization';
import { mayVisit } from '@/lib/route-access';

/** Every signed-in view: it needs `me`; without a session the 401 handler routes to sign-in. */
export default function ConsoleLayout() {
  const me = useMe();

  if (me.isPending) return <PageLoader />;
  if (me.isError) {
    return (
      <Container component="main" size="sm" py="xl">
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

type NavItem = { label: string; href: string; badge?: ReactNode };

/** The views `/me` says this user may use; the server checks every request again. */
function navItems(me: Me): NavItem[] {
  const items: NavItem[] = [{ label: 'Overview', href: paths.overview.getHref() }];
  const bucketsAccount = ownBucketsAccount(me);
  if (bucketsAccount) items.push({ label: 'Buckets', href: paths.accountBuckets.getHref(bucketsAccount) });
  if (bucketsAccount) items.push({ label: 'Share links', href: paths.accountShareLinks.getHref(bucketsAccount) });
  // An account's people see their own account's usage; the platform's staff see the platform's, and
  // any account's from the account's page.
  if (isAccountRole(me.role) && me.account_id) {
    items.push({ label: 'Usage', href: paths.accountUsage.getHref(me.account_id) });
  }
  // Account administrators manage the people of their own account; platform administrators reach
  // any account's people from the account's page.
  if (isAccountRole(me.role) && me.account_id && canManagePeople(me, me.account_id)) {
    items.push({ label: 'People', href: paths.accountUsers.getHref(me.account_id) });
  }
  if (isAccountRole(me.role)) items.push({ label: 'Access keys', href: paths.accessKeys.getHref() });
  if (canReadAccounts(me)) items.push({ label: 'Accounts', href: paths.accounts.getHref() });
  if (canReadPlatformUsage(me)) items.push({ label: 'Usage', href: paths.usage.getHref() });
  if (canReadRequests(me)) {
    items.push({ label: 'Account requests', href: paths.accountRequests.getHref(), badge: <PendingRequestsBadge /> });
  }
  if (canReadAudit(me)) items.push({ label: 'Audit log', href: paths.audit.getHref() });
  if (canManageStaff(me)) items.push({ label: 'Staff', href: paths.platformUsers.getHref() });
  if (canReadSecurityPolicy(me)) items.push({ label: 'Security policy', href: paths.securityPolicy.getHref() });
  if (canReadOutbox(me)) items.push({ label: 'Outbox', href: paths.outbox.getHref() });
  return items;
}

/** A link is current on its own page and on the pages below it (an account is under Accounts). */
function isCurrent(href: string, pathname: string): boolean {
  return pathname === href || (href !== paths.overview.getHref() && pathname.startsWith(`${href}/`));
}

function Shell({ me }: { me: Me }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { pathname } = useLocation();
  const allowed = mayVisit(useMatches(), me);
  useSessionEndCheck(me.session.expires_at);
  const links = navItems(me);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <SkipLink />
        <Group h="100%" px="md" justify="space-between">
          <Group>
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={2} size="h4">
              Coffer
            </Title>
          </Group>
          <Group gap="xs">
            <NotificationsButton />
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
            rightSection={link.badge}
            active={isCurrent(link.href, pathname)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_CONTENT_ID} tabIndex={-1} style={{ outline: 'none' }}>
        {allowed ? <Outlet /> : <NotAllowed me={me} />}
      </AppShell.Main>
    </AppShell>
  );
}
