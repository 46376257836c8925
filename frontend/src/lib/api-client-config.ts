import type { CreateClientConfig } from '@/client/client.gen';

/** Same origin, the session cookie, and the CSRF header the API asks of every unsafe request. */
export const createClientConfig: CreateClientConfig = (config) => ({
  ...config,
  baseUrl: '',
  credentials: 'include',
  headers: { 'X-Coffer-CSRF': '1' },
  throwOnError: true,
});
