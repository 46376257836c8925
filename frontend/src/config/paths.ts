/** Every route of the console: its pattern for the router and how to build a link to it. */
export const paths = {
  signIn: {
    path: '/sign-in',
    getHref: () => '/sign-in',
  },
  signInPassword: {
    path: '/sign-in/password',
    getHref: () => '/sign-in/password',
  },
  signInEnroll: {
    path: '/sign-in/enroll',
    getHref: () => '/sign-in/enroll',
  },
  signInMfa: {
    path: '/sign-in/mfa',
    getHref: () => '/sign-in/mfa',
  },
  overview: {
    path: '/',
    getHref: () => '/',
  },
  accountBuckets: {
    path: '/accounts/:accountId/buckets',
    getHref: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/buckets`,
  },
} as const;
