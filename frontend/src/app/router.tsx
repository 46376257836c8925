import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';

import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';
import { getMeQueryOptions } from '@/features/auth/api/get-me';
import {
  canManageAccounts,
  canManageStaff,
  canReadAccounts,
  canReadAudit,
  canReadOutbox,
  canReadPlatformUsage,
  canReadRequests,
  canReadSecurityPolicy,
  isAccountRole,
} from '@/lib/authorization';
import { access } from '@/lib/route-access';

import { RequestAccountLayout } from './routes/request-account/request-account-layout';
import { RootRoute } from './routes/root';
import { RouteError } from './routes/route-error';
import { SignInRoute } from './routes/sign-in/sign-in';
import { SignInLayout } from './routes/sign-in/sign-in-layout';

type RouteModule = { default: ComponentType };

/** Only sign-in is in the first download; every other view is fetched when first visited. */
function lazyRoute(load: () => Promise<RouteModule>): RouteObject['lazy'] {
  return async () => ({ Component: (await load()).default });
}

function routes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      Component: RootRoute,
      HydrateFallback: PageLoader,
      ErrorBoundary: RouteError,
      children: [
        {
          path: paths.signIn.path,
          Component: SignInLayout,
          children: [
            { index: true, Component: SignInRoute },
            { path: paths.signInPassword.path, lazy: lazyRoute(() => import('./routes/sign-in/password')) },
            { path: paths.signInEnroll.path, lazy: lazyRoute(() => import('./routes/sign-in/enroll')) },
            { path: paths.signInMfa.path, lazy: lazyRoute(() => import('./routes/sign-in/mfa')) },
          ],
        },
        {
          Component: RequestAccountLayout,
          children: [
            { path: paths.forgotPassword.path, lazy: lazyRoute(() => import('./routes/password-reset/forgot-password')) },
            { path: paths.resetPassword.path, lazy: lazyRoute(() => import('./routes/password-reset/reset-password')) },
          ],
        },
        {
          path: paths.requestAccount.path,
          Component: RequestAccountLayout,
          children: [
            { index: true, lazy: lazyRoute(() => import('./routes/request-account/request-account')) },
            {
              path: paths.requestAccountConfirm.path,
              lazy: lazyRoute(() => import('./routes/request-account/confirm')),
            },
          ],
        },
        {
          // Who is signed in is asked at once, while the console's code is still downloading, instead of
          // after it has arrived and rendered: one round trip less before a signed-in page shows.
          loader: () => {
            void queryClient.prefetchQuery(getMeQueryOptions());
            return null;
          },
          lazy: lazyRoute(() => import('./routes/console/console-layout')),
          children: [
            { path: paths.overview.path, lazy: lazyRoute(() => import('./routes/console/overview')) },
            { path: paths.accounts.path, handle: access(canReadAccounts), lazy: lazyRoute(() => import('./routes/console/accounts')) },
            { path: paths.newAccount.path, handle: access(canManageAccounts), lazy: lazyRoute(() => import('./routes/console/new-account')) },
            { path: paths.account.path, lazy: lazyRoute(() => import('./routes/console/account')) },
            { path: paths.accountBuckets.path, lazy: lazyRoute(() => import('./routes/console/buckets')) },
            { path: paths.accountBucket.path, lazy: lazyRoute(() => import('./routes/console/bucket')) },
            { path: paths.accountShareLinks.path, lazy: lazyRoute(() => import('./routes/console/share-links')) },
            { path: paths.accountUsage.path, lazy: lazyRoute(() => import('./routes/console/account-usage')) },
            { path: paths.accountUsers.path, lazy: lazyRoute(() => import('./routes/console/account-users')) },
            { path: paths.platformUsers.path, handle: access(canManageStaff), lazy: lazyRoute(() => import('./routes/console/platform-users')) },
            { path: paths.personKeys.path, lazy: lazyRoute(() => import('./routes/console/person-keys')) },
            { path: paths.usage.path, handle: access(canReadPlatformUsage), lazy: lazyRoute(() => import('./routes/console/platform-usage')) },
            { path: paths.securityPolicy.path, handle: access(canReadSecurityPolicy), lazy: lazyRoute(() => import('./routes/console/security-policy')) },
            { path: paths.profile.path, lazy: lazyRoute(() => import('./routes/console/profile')) },
            { path: paths.notifications.path, lazy: lazyRoute(() => import('./routes/console/notifications')) },
            { path: paths.accessKeys.path, handle: access((me) => isAccountRole(me.role)), lazy: lazyRoute(() => import('./routes/console/access-keys')) },
            {
              path: paths.accountRequests.path,
              handle: access(canReadRequests),
              lazy: lazyRoute(() => import('./routes/console/account-requests')),
            },
            { path: paths.audit.path, handle: access(canReadAudit), lazy: lazyRoute(() => import('./routes/console/audit')) },
            { path: paths.outbox.path, handle: access(canReadOutbox), lazy: lazyRoute(() => import('./routes/console/outbox')) },
          ],
        },
        { path: paths.shared.path, lazy: lazyRoute(() => import('./routes/shared')) },
        { path: '*', lazy: lazyRoute(() => import('./routes/not-found')) },
      ],
    },
  ];
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter(routes(queryClient));
}
