import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { ConsoleUser } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { roleLabel } from '@/lib/authorization';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useChangeUserRole } from '../api/change-user-role';
import { isScopeRole, roleOptions, type UserScope } from '../user-scope';

/** Another role of the same scope; it takes effect at the person's next request. */
export function ChangeRoleForm({
  scope,
  user,
  onChanged,
  onCancel,
}: {
  scope: UserScope;
  user: ConsoleUser;
  onChanged: (user: ConsoleUser) => void;
  onCancel: () => void;
}) {
  const change = useChangeUserRole(scope);
  const form = useForm({ mode: 'controlled', initialValues: { role: user.role } });

  const submit = form.onSubmit(({ role }) =>
    change.mutate(
      { userId: user.id, body: { role } },
      { onSuccess: onChanged, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {user.display_name}&apos;s role is {roleLabel(user.role)}. A new role takes effect at their next request.
        </Text>
        <FormError error={change.error} />
        <Select
          label="New role"
          data={roleOptions(scope)}
          allowDeselect={false}
          required
          data-autofocus
          {...form.getInputProps('role')}
          onChange={(value: string | null) => isScopeRole(scope, value) && form.setFieldValue('role', value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" disabled={form.values.role === user.role} loading={change.isPending}>
            Change role
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
