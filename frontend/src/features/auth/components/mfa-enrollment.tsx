import { Button, Code, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect } from 'react';

import type { SignedIn } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useConfirmMfaEnrollment } from '../api/confirm-mfa-enrollment';
import { useMfaEnrollment } from '../api/start-mfa-enrollment';
import { useSignInFlow } from '../sign-in-flow';

function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

/** Shows a new TOTP secret (QR and text) and confirms it with the first code from the app. */
export function MfaEnrollment({ challenge, onEnrolled }: { challenge: string; onEnrolled: (signedIn: SignedIn) => void }) {
  const flow = useSignInFlow();
  const enrollment = useMfaEnrollment(challenge);
  const confirm = useConfirmMfaEnrollment();
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6,8}$/.test(value.trim()) ? null : 'Enter the 6-digit code from your app.') },
  });

  useEffect(() => {
    if (enrollment.error) flow.restartIfChallengeRefused(enrollment.error);
  }, [enrollment.error, flow]);

  if (enrollment.isPending) return <PageLoader label="Preparing your authenticator secret…" />;
  if (enrollment.isError) return <FormError error={enrollment.error} />;
  const { secret, qr_svg } = enrollment.data;

  const submit = form.onSubmit(({ code }) =>
    confirm.mutate(
      { challenge, code: code.trim() },
      {
        onSuccess: onEnrolled,
        onError: (error) => {
          if (!flow.restartIfChallengeRefused(error)) setServerFieldErrors(form, error);
        },
      },
    ),
  );

  return (
    <Stack>
      <Text size="sm">
        Scan this QR code with an authenticator app (for example FreeOTP, Aegis or Google Authenticator), or enter the
        secret by hand. Then type the code the app shows.
      </Text>
      <Image src={svgDataUri(qr_svg)} alt="QR code for your authenticator app" w={200} h={200} mx="auto" />
      <Group gap="xs" wrap="nowrap">
        <Code data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Code>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button variant="light" size="xs" onClick={copy}>
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FormError error={confirm.error} />
          <TextInput
            label="Authentication code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={confirm.isPending}>
            Confirm
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
