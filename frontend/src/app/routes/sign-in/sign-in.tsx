import { Anchor, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';

import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { hasSession } from '@/features/auth/api/has-session';
import { SignInForm } from '@/features/auth/components/sign-in-form';
import type { SignInNotice } from '@/features/auth/sign-in-flow';
import { safeReturnTo } from '@/lib/return-to';

export function SignInRoute() {
  const location = useLocation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  // The notice is said once: taken out of the history entry, so reload, Back and Forward do not repeat it.
  const [notice] = useState(() => (location.state as Partial<SignInNotice> | null)?.notice);
  const next = safeReturnTo(searchParams.get('next')) ?? paths.overview.getHref();

  useEffect(() => {
    if (location.state) void navigate(`${location.pathname}${location.search}`, { replace: true, state: null });
  }, [location.state, location.pathname, location.search, navigate]);

  // Someone already signed in has nothing to do here (a bookmark, Back after signing in).
  useEffect(() => {
    let current = true;
    void hasSession().then((signedIn) => {
      if (signedIn && current) void navigate(next, { replace: true });
    });
    return () => {
      current = false;
    };
  }, [navigate, next]);

  return (
    <>
      <StepTitle>Sign in</StepTitle>
      <SignInForm notice={notice} />
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
