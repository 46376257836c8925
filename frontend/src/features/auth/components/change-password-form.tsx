import { Button, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import type { PasswordRules } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { clearedOnEdit, setServerFieldErrors } from '@/lib/form-errors';

import { useChangeOwnPassword } from '../api/profile';
import { newPasswordValidation } from '../new-password-rules';
import { WithPasswordRules } from './with-password-rules';

export function ChangePasswordForm() {
  return <WithPasswordRules>{(rules) => <ChangePasswordFields rules={rules} />}</WithPasswordRules>;
}

function ChangePasswordFields({ rules }: { rules: PasswordRules }) {
  const change = useChangeOwnPassword();
  const form = useForm({
    mode: 'controlled',
    ...clearedOnEdit(change),
    initialValues: { current_password: '', new_password: '', repeat_password: '' },
    validate: {
      current_password: (value) => (value ? null : 'Enter your current password.'),
      ...newPasswordValidation(rules),
    },
  });

  const submit = form.onSubmit(({ current_password, new_password }) =>
    change.mutate(
      { current_password, new_password },
      {
        onSuccess: () => {
          form.reset();
          notifications.show({ color: 'green', message: 'Your password was changed; your other sessions have ended.' });
        },
        onError: (error) => setServerFieldErrors(form, error),
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420}>
        <FormError error={change.error} />
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          required
          {...form.getInputProps('current_password')}
        />
        <PasswordInput label="New password" autoComplete="new-password" required {...form.getInputProps('new_password')} />
        <PasswordInput
          label="Repeat new password"
          autoComplete="new-password"
          required
          {...form.getInputProps('repeat_password')}
        />
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </Stack>
    </form>
  );
}
