import { queryOptions, useQuery } from '@tanstack/react-query';

import * as sdk from '@/client/sdk.gen';
import type { MfaEnrollment } from '@/client/types.gen';

/** A new TOTP secret for this sign-in; asked once per challenge, never refetched behind the user's back. */
export async function startMfaEnrollment(challenge: string): Promise<MfaEnrollment> {
  const { data } = await sdk.startMfaEnrollment({ body: { challenge } });
  return data;
}

export function startMfaEnrollmentQueryOptions(challenge: string) {
  return queryOptions({
    queryKey: ['mfa-enrollment', challenge],
    queryFn: () => startMfaEnrollment(challenge),
    staleTime: Infinity,
    retry: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useMfaEnrollment(challenge: string) {
  return useQuery(startMfaEnrollmentQueryOptions(challenge));
}
