import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import type { Bucket } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useCreateBucket } from '../api/create-bucket';

/** The width of one character of the field's monospace text (0.6 em at the 14 px of size "sm"). */
const MONOSPACE_CHAR_PX = 8.5;

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
  const prefix = bucketPrefix(accountId);
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
          // The fixed prefix sits in the field, in the same monospace as what is typed after it.
          leftSection={
            <Text component="span" size="sm" ff="monospace" c="dimmed">
              {prefix}
            </Text>
          }
          leftSectionWidth={Math.ceil(prefix.length * MONOSPACE_CHAR_PX) + 12}
          leftSectionProps={{ style: { justifyContent: 'flex-end' } }}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
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
