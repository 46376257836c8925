import { Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { AccountRequest } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';
import { quotaInputToBytes } from '@/lib/sizes';

import { useApproveAccountRequest } from '../api/approve-account-request';
import { proposedAccountId } from '../proposed-account-id';

/** The new account is checked under its own field names (`id`, `quota_bytes`). */
const FIELD_ALIASES = { id: 'account_id', quota_bytes: 'quota_gib' };

/** Approval provisions the account at once, as requested or with the id, name and quota staff adjust here. */
export function ApproveRequestForm({
  request,
  onApproved,
  onCancel,
}: {
  request: AccountRequest;
  onApproved: (request: AccountRequest) => void;
  onCancel: () => void;
}) {
  const approve = useApproveAccountRequest();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      account_id: proposedAccountId(request.account_name),
      display_name: request.account_name,
      quota_gib: request.expected_capacity_gib as number | string,
    },
  });

  const submit = form.onSubmit((values) =>
    approve.mutate(
      {
        requestId: request.id,
        body: {
          account_id: values.account_id.trim() || null,
          display_name: values.display_name.trim() || null,
          quota_bytes: quotaInputToBytes(values.quota_gib),
        },
      },
      { onSuccess: onApproved, onError: (error) => setServerFieldErrors(form, error, FIELD_ALIASES) },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {request.organisation} asks for an account for {request.contact_name} ({request.contact_email}). The
          account is created now and {request.contact_name} becomes its administrator.
        </Text>
        <FormError error={approve.error} />
        <TextInput
          label="Account id"
          description="3 to 20 lowercase letters and digits, starting with a letter."
          autoComplete="off"
          {...form.getInputProps('account_id')}
        />
        <TextInput label="Display name" autoComplete="off" {...form.getInputProps('display_name')} />
        <NumberInput
          label="Quota (GiB)"
          description="Leave empty for no quota."
          min={0}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quota_gib')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={approve.isPending}>
            Approve request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
