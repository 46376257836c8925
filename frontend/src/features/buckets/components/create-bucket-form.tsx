import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { Bucket } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useCreateBucket } from '../api/create-bucket';

/** Every bucket of an account is named after it; the server checks this and S3's naming rules again. */
export function bucketPrefix(accountId: string): string {
  return `${accountId}-`;
}

/**
 * A new bucket: the account's fixed prefix and the rest of the name. The server says which naming rule
 * a name breaks, or that it is taken; that is shown on the field and the form keeps what was typed.
 */
export function CreateBucketForm({
  accountId,
  onCreated,
  onCancel,
}: {
  accountId: string;
  onCreated: (bucket: Bucket) => void;
  onCancel: () => void;
}) {
  const create = useCreateBucket();
  const form = useForm({
    mode: 'controlled',
    initialValues: { suffix: '' },
    validate: { suffix: (value: string) => (value.trim() ? null : 'Enter the rest of the bucket name.') },
  });

  const submit = form.onSubmit((values) =>
    create.mutate(
      { accountId, body: { suffix: values.suffix.trim() } },
      { onSuccess: onCreated, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );
  // A refusal about the name is shown on the field alone; any other (e.g. storage unavailable) above the form.
  const fieldRefused = (create.error?.problem.errors ?? []).length > 0;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {!fieldRefused && <FormError error={create.error} />}
        <TextInput
          label="Bucket name"
          description="3 to 63 characters in all: lowercase letters, digits, hyphens and dots, starting and ending with a letter or digit."
          leftSection={bucketPrefix(accountId)}
          leftSectionWidth={`${bucketPrefix(accountId).length + 2}ch`}
          leftSectionProps={{ style: { justifyContent: 'flex-end', paddingRight: 2 } }}
          autoComplete="off"
          required
          data-autofocus
          {...form.getInputProps('suffix')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create bucket
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
