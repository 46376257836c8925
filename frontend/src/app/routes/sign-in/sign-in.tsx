import { useLocation } from 'react-router';

import { SignInForm } from '@/features/auth/components/sign-in-form';
import type { SignInNotice } from '@/features/auth/sign-in-flow';

import { StepTitle } from './step-title';

export function SignInRoute() {
  const state = useLocation().state as Partial<SignInNotice> | null;
  return (
    <>
      <StepTitle>Sign in</StepTitle>
      <SignInForm notice={state?.notice} />
    </>
  );
}
