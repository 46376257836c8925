import { Navigate } from 'react-router';

import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { MfaForm } from '@/features/auth/components/mfa-form';
import { useSignInFlow } from '@/features/auth/sign-in-flow';

export default function MfaRoute() {
  const { challenge } = useSignInFlow();
  if (!challenge) return <Navigate to={paths.signIn.getHref()} replace />;
  return (
    <>
      <StepTitle>Two-step verification</StepTitle>
      <MfaForm challenge={challenge} />
    </>
  );
}
