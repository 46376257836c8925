import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useAskPasswordReset } from '../api/password-reset';

/** Asks for a reset link; afterwards says what the server said, which is the same for every name. */
export function ForgotPasswordForm() {
  const ask = useAskPasswordReset();
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '' },
    validate: { username: (value) => (value.trim() ? null : 'Enter your username.') },
  });

  if (ask.isSuccess) {
    return (
      <Stack>
        <Text role="status">{ask.data.detail}</Text>
      </Stack>
    );
  }

  const submit = form.onSubmit(({ username }) =>
    ask.mutate(username.trim(), { onError: (error) => setServerFieldErrors(form, error) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">Enter your username. If it is known, we mail a link to choose a new password.</Text>
        <FormError error={ask.error} />
        <TextInput label="Username" autoComplete="username" required {...form.getInputProps('username')} />
        <Button type="submit" loading={ask.isPending}>
          Send link
        </Button>
      </Stack>
    </form>
  );
}
