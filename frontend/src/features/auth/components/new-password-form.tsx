import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { PasswordRules } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { clearedOnEdit, setServerFieldErrors } from '@/lib/form-errors';

import { useChangeInitialPassword } from '../api/change-initial-password';
import { newPasswordValidation } from '../new-password-rules';
import { useSignInFlow } from '../sign-in-flow';
import { WithPasswordRules } from './with-password-rules';

/** First sign-in: the one-time password is replaced. The server judges strength; this only spares a round trip. */
export function NewPasswordForm({ challenge }: { challenge: string }) {
  return <WithPasswordRules>{(rules) => <NewPasswordFields challenge={challenge} rules={rules} />}</WithPasswordRules>;
}

function NewPasswordFields({ challenge, rules }: { challenge: string; rules: PasswordRules }) {
  const flow = useSignInFlow();
  const change = useChangeInitialPassword();
  const form = useForm({
    mode: 'controlled',
    ...clearedOnEdit(change),
    initialValues: { new_password: '', repeat_password: '' },
    validate: {
      ...newPasswordValidation(rules),
    },
  });

  const submit = form.onSubmit(({ new_password }) =>
    change.mutate(
      { challenge, new_password },
      {
        onSuccess: flow.advance,
        onError: (error) => {
          if (!flow.restartIfChallengeRefused(error)) setServerFieldErrors(form, error);
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          Choose a new password of at least {rules.min_length} characters. There are no other rules about letters, digits
          or symbols, but common or easily guessed passwords are refused. A passphrase of a few unrelated words works
          well.
        </Text>
        <FormError error={change.error} />
        <PasswordInput
          label="New password"
          autoComplete="new-password"
          required
          {...form.getInputProps('new_password')}
        />
        <PasswordInput
          label="Repeat new password"
          autoComplete="new-password"
          required
          {...form.getInputProps('repeat_password')}
        />
        <Button type="submit" loading={change.isPending}>
          Set password
        </Button>
      </Stack>
    </form>
  );
}
