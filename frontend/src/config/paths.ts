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
  requestAccount: {
    path: '/request-account',
    getHref: () => '/request-account',
  },
  requestAccountConfirm: {
    path: '/request-account/confirm',
    getHref: (token: string) => `/request-account/confirm?token=${encodeURIComponent(token)}`,
  },
  forgotPassword: {
    path: '/forgot-password',
    getHref: () => '/forgot-password',
  },
  resetPassword: {
    path: '/reset-password',
    getHref: () => '/reset-password',
  },
  overview: {
    path: '/',
    getHref: () => '/',
  },
  accounts: {
    path: '/accounts',
    getHref: () => '/accounts',
  },
  newAccount: {
    path: '/accounts/new',
    getHref: () => '/accounts/new',
  },
  account: {
    path: '/accounts/:accountId',
    getHref: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}`,
  },
  accountBuckets: {
    path: '/accounts/:accountId/buckets',
    getHref: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/buckets`,
  },
  accountBucket: {
    path: '/accounts/:accountId/buckets/:bucket',
    getHref: (accountId: string, bucket: string) =>
      `/accounts/${encodeURIComponent(accountId)}/buckets/${encodeURIComponent(bucket)}`,
  },
  accountShareLinks: {
    path: '/accounts/:accountId/share-links',
    getHref: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/share-links`,
  },
  shared: {
    path: '/s/:token',
    getHref: (token: string) => `/s/${encodeURIComponent(token)}`,
  },
  accountUsage: {
    path: '/accounts/:accountId/usage',
    getHref: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/usage`,
  },
  accountUsers: {
    path: '/accounts/:accountId/users',
    getHref: (accountId: string) => `/accounts/${encodeURIComponent(accountId)}/users`,
  },
  personKeys: {
    path: '/accounts/:accountId/users/:userId/keys',
    getHref: (accountId: string, userId: string) =>
      `/accounts/${encodeURIComponent(accountId)}/users/${encodeURIComponent(userId)}/keys`,
  },
  usage: {
    path: '/usage',
    getHref: () => '/usage',
  },
  securityPolicy: {
    path: '/security-policy',
    getHref: () => '/security-policy',
  },
  profile: {
    path: '/profile',
    getHref: () => '/profile',
  },
  notifications: {
    path: '/notifications',
    getHref: () => '/notifications',
  },
  accessKeys: {
    path: '/access-keys',
    getHref: () => '/access-keys',
  },
  platformUsers: {
    path: '/platform-users',
    getHref: () => '/platform-users',
  },
  accountRequests: {
    path: '/account-requests',
    getHref: () => '/account-requests',
  },
  audit: {
    path: '/audit',
    getHref: () => '/audit',
  },
  outbox: {
    path: '/outbox',
    getHref: () => '/outbox',
  },
} as const;
