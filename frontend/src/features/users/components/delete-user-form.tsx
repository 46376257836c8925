import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { ConsoleUser } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useDeleteUser } from '../api/delete-user';
import type { UserScope } from '../user-scope';

/** As the server compares: surrounding spaces and letter case do not count. */
function matches(typed: string, username: string): boolean {
  return typed.trim().toLowerCase() === username.toLowerCase();
}

/** Deleting asks for the person's username, typed out; a refusal is shown here and the form stays as filled in. */
export function DeleteUserForm({
  scope,
  user,
  onDeleted,
  onCancel,
}: {
  scope: UserScope;
  user: ConsoleUser;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const remove = useDeleteUser(scope);
  const form = useForm({ mode: 'controlled', initialValues: { confirm_username: '' } });
  const { confirm_username } = form.values;

  const submit = form.onSubmit((values) =>
    remove.mutate(
      { userId: user.id, body: { confirm_username: values.confirm_username.trim() } },
      { onSuccess: onDeleted, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {scope.kind === 'account'
            ? `${user.display_name} can no longer sign in, and their storage identity and access keys are removed.`
            : `${user.display_name} can no longer sign in.`}{' '}
          This cannot be undone.
        </Text>
        <FormError error={remove.error} />
        <TextInput
          label="Type the username to confirm"
          description={
            <>
              The username is <strong>{user.username}</strong>.
            </>
          }
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('confirm_username')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="red"
            disabled={!matches(confirm_username, user.username)}
            loading={remove.isPending}
          >
            Delete person
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
