import { Anchor, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { RequestAccountForm } from '@/features/account-requests/components/request-account-form';

export default function RequestAccountRoute() {
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo) {
    return (
      <>
        <StepTitle>Check your mail</StepTitle>
        <Text>
          We sent a confirmation link to <strong>{sentTo}</strong>. The link is valid for 24 hours; your request
          reaches our administrators once you open it.
        </Text>
      </>
    );
  }
  return (
    <>
      <StepTitle>Request an account</StepTitle>
      <RequestAccountForm onSent={setSentTo} />
      <Text size="sm" ta="center" mt="lg">
        Already have an account?{' '}
        <Anchor component={Link} to={paths.signIn.getHref()}>
          Sign in
        </Anchor>
      </Text>
    </>
  );
}
