import { Button, Code, CopyButton, Group, Image, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { MfaEnrollment } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import type { ApiError } from '@/lib/api-error';
import { setServerFieldErrors } from '@/lib/form-errors';

function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

type TotpSetupProps = {
  enrollment: MfaEnrollment;
  /** Sends the first code from the app; `refused` puts the server's field errors on the form. */
  onConfirm: (code: string, refused: (error: ApiError) => void) => void;
  confirming: boolean;
  /** Why the last attempt failed; the code stays as typed. */
  error: unknown;
};

/**
 * A new TOTP secret (QR and text) and the form for the first code from the app: the same at
 * sign-in and on the profile, whichever request made the secret and confirms it.
 */
export function TotpSetup({ enrollment, onConfirm, confirming, error }: TotpSetupProps) {
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6,8}$/.test(value.trim()) ? null : 'Enter the 6-digit code from your app.') },
  });
  const { secret, qr_svg } = enrollment;

  const submit = form.onSubmit(({ code }) => onConfirm(code.trim(), (refusal) => setServerFieldErrors(form, refusal)));

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
          <FormError error={error} />
          <TextInput
            label="Authentication code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            {...form.getInputProps('code')}
          />
          <Button type="submit" loading={confirming}>
            Confirm
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
