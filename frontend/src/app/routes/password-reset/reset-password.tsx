import { Anchor, Text } from '@mantine/core';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';

import { PageLoader } from '@/components/page-loader';
import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { useResetLink } from '@/features/auth/api/password-reset';
import { ResetPasswordForm } from '@/features/auth/components/reset-password-form';
import { errorMessage } from '@/lib/api-error';

export default function ResetPasswordRoute() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const link = useResetLink(token);
  const [done, setDone] = useState(false);

  if (done) {
    return (
      <>
        <StepTitle>Password changed</StepTitle>
        <Text>Your new password is set and your other sessions have ended.</Text>
        <Anchor component={Link} to={paths.signIn.getHref()} mt="md" display="block">
          Sign in
        </Anchor>
      </>
    );
  }
  if (!token || link.isError) {
    return (
      <>
        <StepTitle>This link cannot be used</StepTitle>
        <Text role="alert">{token ? errorMessage(link.error) : 'This link has no code. Open it exactly as mailed.'}</Text>
        <Anchor component={Link} to={paths.forgotPassword.getHref()} size="sm" mt="md" display="block">
          Ask for a new link
        </Anchor>
      </>
    );
  }
  if (link.isPending) return <PageLoader label="Checking the link…" />;
  return (
    <>
      <StepTitle>Choose a new password</StepTitle>
      <ResetPasswordForm token={token} link={link.data} onDone={() => setDone(true)} />
    </>
  );
}
