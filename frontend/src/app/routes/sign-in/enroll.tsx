import { useState } from 'react';
import { Navigate } from 'react-router';

import type { SignedIn } from '@/client/types.gen';
import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { MfaEnrollment } from '@/features/auth/components/mfa-enrollment';
import { RecoveryCodes } from '@/features/auth/components/recovery-codes';
import { useSignInFlow } from '@/features/auth/sign-in-flow';

export default function EnrollRoute() {
  const { challenge, mfaOptional, finish } = useSignInFlow();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  if (recoveryCodes) {
    return (
      <>
        <StepTitle>Save your recovery codes</StepTitle>
        <RecoveryCodes codes={recoveryCodes} onContinue={finish} />
      </>
    );
  }
  if (!challenge) return <Navigate to={paths.signIn.getHref()} replace />;
  const enrolled = (signedIn: SignedIn) => {
    if (signedIn.recovery_codes?.length) setRecoveryCodes(signedIn.recovery_codes);
    else finish();
  };
  return (
    <>
      <StepTitle>Set up your authenticator app</StepTitle>
      <MfaEnrollment challenge={challenge} optional={mfaOptional} onEnrolled={enrolled} />
    </>
  );
}
