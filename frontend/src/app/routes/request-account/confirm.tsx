import { Anchor, Text } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';

import { PageLoader } from '@/components/page-loader';
import { StepTitle } from '@/components/step-title';
import { paths } from '@/config/paths';
import { useConfirmAccountRequestOnce } from '@/features/account-requests/api/confirm-account-request';
import { errorMessage } from '@/lib/api-error';

const NO_TOKEN = 'This link has no confirmation code. Open the link exactly as it is in the mail.';

export default function ConfirmRequestRoute() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const confirmation = useConfirmAccountRequestOnce(token);

  if (!token || confirmation.isError) {
    return (
      <>
        <StepTitle>This link cannot be used</StepTitle>
        <Text role="alert">{token ? errorMessage(confirmation.error) : NO_TOKEN}</Text>
        <Anchor component={Link} to={paths.requestAccount.getHref()} size="sm" mt="md" display="block">
          Request an account again
        </Anchor>
      </>
    );
  }
  if (confirmation.isSuccess) {
    return (
      <>
        <StepTitle>Request confirmed</StepTitle>
        <Text>
          Thank you. An administrator will review your request, and you will get a mail when they have decided.
        </Text>
      </>
    );
  }
  return <PageLoader label="Confirming your request…" />;
}
