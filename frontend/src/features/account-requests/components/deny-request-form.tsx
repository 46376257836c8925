import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { AccountRequest } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useDenyAccountRequest } from '../api/deny-account-request';

/** A denial always says why: the reason is mailed to the requester. */
export function DenyRequestForm({
  request,
  onDenied,
  onCancel,
}: {
  request: AccountRequest;
  onDenied: (request: AccountRequest) => void;
  onCancel: () => void;
}) {
  const deny = useDenyAccountRequest();
  const form = useForm({
    mode: 'controlled',
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : 'Enter the reason; it is mailed to the requester.') },
  });

  const submit = form.onSubmit(({ reason }) =>
    deny.mutate(
      { requestId: request.id, body: { reason: reason.trim() } },
      { onSuccess: onDenied, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          {request.contact_name} ({request.contact_email}) gets a mail with your reason.
        </Text>
        <FormError error={deny.error} />
        <Textarea label="Reason" required autosize minRows={3} {...form.getInputProps('reason')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={deny.isPending}>
            Deny request
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
