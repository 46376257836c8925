import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { ForgotPasswordForm } from '@/features/auth/components/forgot-password-form';

export default function ForgotPasswordRoute() {
  return (
    <>
      <StepTitle>Forgot your password?</StepTitle>
      <ForgotPasswordForm />
      <Text size="sm" ta="center" mt="lg">
        <Anchor component={Link} to={paths.signIn.getHref()}>
          Back to sign-in
        </Anchor>
      </Text>
    </>
  );
}
