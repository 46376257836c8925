import { Anchor, Text } from '@mantine/core';
import { Link, useLocation } from 'react-router';

import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import type { SignInNotice } from '@/features/auth/sign-in-flow';

export function SignInRoute() {
  const state = useLocation().state as Partial<SignInNotice> | null;
  return (
    <>
      <StepTitle>Sign in</StepTitle>
      <SignInForm notice={state?.notice} />
      <Text size="sm" ta="center" mt="md">
        <Anchor component={Link} to={paths.forgotPassword.getHref()}>
          Forgot password?
        </Anchor>
      </Text>
      <Text size="sm" ta="center" mt="xs">
        No account yet?{' '}
        <Anchor component={Link} to={paths.requestAccount.getHref()}>
          Request an account
        </Anchor>
      </Text>
    </>
  );
}
