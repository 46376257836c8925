import { Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { PasswordRules, ResetLinkInfo } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { clearedOnEdit, setServerFieldErrors } from '@/lib/form-errors';

import { useCompletePasswordReset } from '../api/password-reset';
import { newPasswordValidation } from '../new-password-rules';
import { WithPasswordRules } from './with-password-rules';

type ResetPasswordFormProps = { token: string; link: ResetLinkInfo; onDone: () => void };

/** The new password, and the authenticator code when MFA is set up: a mailed link alone is not enough. */
export function ResetPasswordForm(props: ResetPasswordFormProps) {
  return <WithPasswordRules>{(rules) => <ResetPasswordFields {...props} rules={rules} />}</WithPasswordRules>;
}

function ResetPasswordFields({ token, link, onDone, rules }: ResetPasswordFormProps & { rules: PasswordRules }) {
  const complete = useCompletePasswordReset();
  const form = useForm({
    mode: 'controlled',
    ...clearedOnEdit(complete),
    initialValues: { new_password: '', repeat_password: '', code: '' },
    validate: {
      ...newPasswordValidation(rules),
      code: (value) => (!link.mfa_required || /^\d{6}$/.test(value.trim()) ? null : 'Enter the 6-digit code.'),
    },
  });

  const submit = form.onSubmit(({ new_password, code }) =>
    complete.mutate(
      { token, new_password, code: link.mfa_required ? code.trim() : null },
      { onSuccess: onDone, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Choose a new password for <b>{link.username}</b>, at least {rules.min_length} characters. Your other sessions end.
        </Text>
        <FormError error={complete.error} />
        <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('new_password')} />
        <PasswordInput
          label="Repeat new password"
          autoComplete="new-password"
          required
          {...form.getInputProps('repeat_password')}
        />
        {link.mfa_required && (
          <TextInput
            label="Authentication code"
            description="From your authenticator app."
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            {...form.getInputProps('code')}
          />
        )}
        <Button type="submit" loading={complete.isPending}>
          Set new password
        </Button>
      </Stack>
    </form>
  );
}
