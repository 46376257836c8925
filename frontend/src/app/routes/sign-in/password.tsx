import { Navigate } from 'react-router';

import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { NewPasswordForm } from '@/features/auth/components/new-password-form';
import { useSignInFlow } from '@/features/auth/sign-in-flow';

export default function PasswordRoute() {
  const { challenge } = useSignInFlow();
  if (!challenge) return <Navigate to={paths.signIn.getHref()} replace />;
  return (
    <>
      <StepTitle>Choose your password</StepTitle>
      <NewPasswordForm challenge={challenge} />
    </>
  );
}
