import { Button, Group, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { ConsoleUser } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useInviteUser } from '../api/invite-user';
import { defaultRole, isScopeRole, roleOptions, type UserScope } from '../user-scope';

/** As the server checks it, after trimming and lowercasing what was typed. */
const USERNAME = /^[a-z0-9][a-z0-9._@+-]{1,63}$/;

const username = (value: string) =>
  USERNAME.test(value.trim().toLowerCase())
    ? null
    : 'A username has 2 to 64 letters, digits and . _ @ + -, starting with a letter or digit.';
const required = (what: string) => (value: string) => (value.trim() ? null : `Enter ${what}.`);
const email = (value: string) => (/^\S+@\S+$/.test(value.trim()) ? null : 'Enter the email address.');

/**
 * A new person of the scope. The server mails them a one-time password; they choose their own at
 * the first sign-in. A refusal (e.g. the username is taken) is shown here and the form keeps what was typed.
 */
export function InviteUserForm({
  scope,
  onInvited,
  onCancel,
}: {
  scope: UserScope;
  onInvited: (user: ConsoleUser) => void;
  onCancel: () => void;
}) {
  const invite = useInviteUser(scope);
  const form = useForm({
    mode: 'controlled',
    initialValues: { username: '', display_name: '', email: '', role: defaultRole(scope) },
    validate: { username, display_name: required('a name'), email },
  });

  const submit = form.onSubmit((values) =>
    invite.mutate(
      {
        username: values.username.trim().toLowerCase(),
        display_name: values.display_name.trim(),
        email: values.email.trim(),
        role: values.role,
      },
      {
        onSuccess: onInvited,
        onError: (error) => {
          setServerFieldErrors(form, error);
          if (error.kind === 'username-taken') form.setFieldError('username', error.problem.detail);
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={invite.error} />
        <TextInput
          label="Username"
          description="2 to 64 lowercase letters, digits and . _ @ + -. It cannot be changed later."
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('username')}
        />
        <TextInput label="Name" autoComplete="off" required {...form.getInputProps('display_name')} />
        <TextInput
          label="Email"
          description="The one-time password is mailed here."
          type="email"
          autoComplete="off"
          required
          {...form.getInputProps('email')}
        />
        <Select
          label="Role"
          data={roleOptions(scope)}
          allowDeselect={false}
          required
          {...form.getInputProps('role')}
          onChange={(value: string | null) => isScopeRole(scope, value) && form.setFieldValue('role', value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Add person
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
