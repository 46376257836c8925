import { Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { AccountDetail } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useDeleteAccount } from '../api/delete-account';

/**
 * Deleting asks for the account's name, typed exactly, and whether the data goes too. Without
 * that choice the server refuses to delete an account whose buckets still hold objects; the
 * refusal is shown here and the form stays as filled in.
 */
export function DeleteAccountForm({
  account,
  onDeleted,
  onCancel,
}: {
  account: AccountDetail;
  onDeleted: (account: AccountDetail) => void;
  onCancel: () => void;
}) {
  const remove = useDeleteAccount();
  const form = useForm({ mode: 'controlled', initialValues: { confirm_name: '', purge_data: false } });
  const { confirm_name, purge_data } = form.values;

  const submit = form.onSubmit((body) =>
    remove.mutate(
      { accountId: account.id, body },
      { onSuccess: onDeleted, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          The account&apos;s users, access keys and buckets are removed and its people can no longer sign in. The
          record stays, marked deleted. This cannot be undone.
        </Text>
        <FormError error={remove.error} />
        <TextInput
          label="Type the account name to confirm"
          description={
            <>
              The account name is <strong>{account.display_name}</strong>.
            </>
          }
          autoComplete="off"
          required
          {...form.getInputProps('confirm_name')}
        />
        <Checkbox
          label="Also delete all data in its buckets"
          {...form.getInputProps('purge_data', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" color="red" disabled={confirm_name !== account.display_name} loading={remove.isPending}>
            {purge_data ? 'Delete everything' : 'Delete account'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
