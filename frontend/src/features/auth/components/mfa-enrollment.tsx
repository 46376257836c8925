import { Button, Stack, Text } from '@mantine/core';
import { useEffect } from 'react';

import type { SignedIn } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import type { ApiError } from '@/lib/api-error';

import { TotpSetup } from './totp-setup';
import { useConfirmMfaEnrollment } from '../api/confirm-mfa-enrollment';
import { useSkipMfaEnrollment } from '../api/skip-mfa-enrollment';
import { useMfaEnrollment } from '../api/start-mfa-enrollment';
import { useSignInFlow } from '../sign-in-flow';

type MfaEnrollmentProps = {
  challenge: string;
  /** Neither the platform nor the account requires MFA: offer to set it up later. */
  optional: boolean;
  /** The session is open: with recovery codes after enrolling, without them after putting it off. */
  onEnrolled: (signedIn: SignedIn) => void;
};

/**
 * Shows a new TOTP secret (QR and text) and confirms it with the first code from the app; where MFA
 * is optional, it can be put off. If it became required meanwhile, the server's reason is shown and
 * the set-up stays.
 */
export function MfaEnrollment({ challenge, optional, onEnrolled }: MfaEnrollmentProps) {
  const flow = useSignInFlow();
  const enrollment = useMfaEnrollment(challenge);
  const confirm = useConfirmMfaEnrollment();
  const skip = useSkipMfaEnrollment();

  useEffect(() => {
    if (enrollment.error) flow.restartIfChallengeRefused(enrollment.error);
  }, [enrollment.error, flow]);

  if (enrollment.isPending) return <PageLoader label="Preparing your authenticator secret…" />;
  if (enrollment.isError) return <FormError error={enrollment.error} />;

  const confirmCode = (code: string, refused: (error: ApiError) => void) => {
    skip.reset();
    confirm.mutate(
      { challenge, code },
      {
        onSuccess: onEnrolled,
        onError: (error) => {
          if (!flow.restartIfChallengeRefused(error)) refused(error);
        },
      },
    );
  };
  const setUpLater = () => {
    confirm.reset();
    skip.mutate({ challenge }, { onSuccess: onEnrolled, onError: (error) => flow.restartIfChallengeRefused(error) });
  };
  const mayPutOff = optional && skip.error?.kind !== 'mfa-required';

  return (
    <Stack>
      <TotpSetup
        enrollment={enrollment.data}
        onConfirm={confirmCode}
        confirming={confirm.isPending}
        error={confirm.error ?? skip.error}
      />
      {mayPutOff && (
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            Two-factor authentication is optional here; you can set it up later from your profile.
          </Text>
          <Button variant="default" loading={skip.isPending} disabled={confirm.isPending} onClick={setUpLater}>
            Set up later
          </Button>
        </Stack>
      )}
    </Stack>
  );
}
