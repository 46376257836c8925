import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import type { ApiError } from '@/lib/api-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { TotpSetup } from './totp-setup';
import type { useConfirmOwnMfaEnrollment } from '../api/confirm-own-mfa-enrollment';
import { useStartOwnMfaEnrollment } from '../api/start-own-mfa-enrollment';

type OwnMfaEnrollmentProps = {
  /** Owned by the caller, which shows the recovery codes of its answer once this form is gone. */
  confirm: ReturnType<typeof useConfirmOwnMfaEnrollment>;
};

/**
 * Setting up TOTP from the profile, for someone who put it off at sign-in: the current password
 * first (a stolen session alone must not do it), then the new secret and a first code. When the
 * secret has expired (10 minutes), the password is asked again for a new one.
 */
export function OwnMfaEnrollment({ confirm }: OwnMfaEnrollmentProps) {
  const start = useStartOwnMfaEnrollment();
  const form = useForm({
    mode: 'controlled',
    initialValues: { current_password: '' },
    validate: { current_password: (value) => (value ? null : 'Enter your current password.') },
  });

  const submit = form.onSubmit(({ current_password }) => {
    confirm.reset();
    start.mutate(
      { current_password },
      { onSuccess: () => form.reset(), onError: (error) => setServerFieldErrors(form, error) },
    );
  });
  const confirmCode = (code: string, refused: (error: ApiError) => void) =>
    confirm.mutate(code, {
      onError: (error) => {
        if (error.kind === 'enrollment-expired') start.reset();
        else refused(error);
      },
    });

  return (
    <Stack maw={420}>
      <Text size="sm">Two-factor authentication is not set up.</Text>
      {start.data ? (
        <TotpSetup
          enrollment={start.data}
          onConfirm={confirmCode}
          confirming={confirm.isPending}
          error={confirm.error}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <Text size="sm">
              With it, signing in asks for a code from an authenticator app as well as your password. Enter your
              password to get a new secret for the app.
            </Text>
            <FormError error={start.error ?? confirm.error} />
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              {...form.getInputProps('current_password')}
            />
            <Button type="submit" loading={start.isPending}>
              Set up two-factor authentication
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
