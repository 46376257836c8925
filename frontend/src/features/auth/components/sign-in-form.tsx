import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { clearedOnEdit, setServerFieldErrors } from '@/lib/form-errors';

import { useSignIn } from '../api/sign-in';
import { useSignInFlow } from '../sign-in-flow';

/** First step: username and password. Success is never a session, only the next step's challenge. */
export function SignInForm({ notice }: { notice?: string }) {
  const flow = useSignInFlow();
  const signIn = useSignIn();
  const form = useForm({
    mode: 'controlled',
    ...clearedOnEdit(signIn),
    initialValues: { username: '', password: '' },
    validate: {
      username: (value) => (value.trim() ? null : 'Enter your username.'),
      password: (value) => (value ? null : 'Enter your password.'),
    },
  });

  const submit = form.onSubmit((values) =>
    signIn.mutate(values, {
      onSuccess: flow.advance,
      onError: (error) => setServerFieldErrors(form, error),
    }),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {notice && !signIn.error && (
          <Alert color="blue" role="status">
            {notice}
          </Alert>
        )}
        <FormError error={signIn.error} />
        <TextInput label="Username" autoComplete="username" required {...form.getInputProps('username')} />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          {...form.getInputProps('password')}
        />
        <Button type="submit" loading={signIn.isPending}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}
