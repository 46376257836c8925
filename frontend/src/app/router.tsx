import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';

import { PageLoader } from '@/components/page-loader';
import { paths } from '@/config/paths';

import { RootRoute } from './routes/root';
import { RouteError } from './routes/route-error';
import { SignInRoute } from './routes/sign-in/sign-in';
import { SignInLayout } from './routes/sign-in/sign-in-layout';

type RouteModule = { default: ComponentType };

/** Only sign-in is in the first download; every other view is fetched when first visited. */
function lazyRoute(load: () => Promise<RouteModule>): RouteObject['lazy'] {
  return async () => ({ Component: (await load()).default });
}

const routes: RouteObject[] = [
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
        lazy: lazyRoute(() => import('./routes/console/console-layout')),
        children: [
          { path: paths.overview.path, lazy: lazyRoute(() => import('./routes/console/overview')) },
          { path: paths.accountBuckets.path, lazy: lazyRoute(() => import('./routes/console/buckets')) },
        ],
      },
      { path: '*', lazy: lazyRoute(() => import('./routes/not-found')) },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
