import { useMutation } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { CliCredentials, CliCredentialsRequest } from '@/client/types.gen';

/** The lifetimes offered, in seconds: STS issues no less than 15 minutes, Coffer no more than an hour. */
export const CLI_CREDENTIAL_LIFETIMES = [
  { seconds: 900, label: '15 minutes' },
  { seconds: 1800, label: '30 minutes' },
  { seconds: 3600, label: '1 hour' },
] as const;

/** The lifetime and the caller's fresh factor (their TOTP code, or their password if they have no MFA). */
export async function mintCliCredentials(body: CliCredentialsRequest): Promise<CliCredentials> {
  const { data } = await sdk.mintCliCredentials({ body });
  return data;
}

/**
 * Temporary credentials for the signed-in person's own tools, never past the session's end. Like a
 * new key's secret they live only in this mutation's result (cleared with `reset()`, dropped from the
 * mutation cache at once by `gcTime: 0`) and are never cached as a query.
 */
export function useMintCliCredentials() {
  return useMutation({ mutationFn: mintCliCredentials, gcTime: 0 });
}
