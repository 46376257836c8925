import { ActionIcon, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import type { Tag } from '@/client/types.gen';
import { FormError } from '@/components/form-error';

import { setNestedFieldErrors } from './field-errors';
import type { BucketRef } from '../api/get-bucket-settings';
import { useSetTags } from '../api/set-tags';

const MAX_TAGS = 50;

/** The bucket's tags as rows of key and value; saving replaces them all (no rows removes them). */
export function TagsSetting({ bucketRef, tags }: { bucketRef: BucketRef; tags: Tag[] }) {
  const save = useSetTags(bucketRef);
  const form = useForm<{ tags: Tag[] }>({ mode: 'controlled', initialValues: { tags } });
  const rows = form.getValues().tags;

  const submit = form.onSubmit((values) =>
    save.mutate(
      { tags: values.tags.map((tag) => ({ key: tag.key.trim(), value: tag.value })) },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'Tags saved.' }),
        onError: (error) => setNestedFieldErrors(form, error, 3),
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Bucket tags">
      <Stack gap="xs">
        <FormError error={save.error} />
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            No tags.
          </Text>
        )}
        {rows.map((_, index) => (
          <Group key={index} align="flex-start" wrap="nowrap">
            <TextInput label="Key" maxLength={128} {...form.getInputProps(`tags.${index}.key`)} />
            <TextInput label="Value" maxLength={256} {...form.getInputProps(`tags.${index}.value`)} />
            <ActionIcon
              mt={28}
              variant="subtle"
              color="red"
              aria-label={`Remove tag ${index + 1}`}
              onClick={() => form.removeListItem('tags', index)}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        {form.errors.tags && (
          <Text size="sm" c="red">
            {form.errors.tags}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Up to {MAX_TAGS} tags; keys up to 128 and values up to 256 characters: letters, digits, spaces and + - = . _ : / @.
        </Text>
        <Group>
          <Button
            variant="default"
            onClick={() => form.insertListItem('tags', { key: '', value: '' })}
            disabled={rows.length >= MAX_TAGS}
          >
            Add tag
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save tags
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
