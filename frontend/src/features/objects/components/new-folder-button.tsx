import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';

import { FormError } from '@/components/form-error';

import { useCreateFolder } from '../api/create-folder';

/** A new, empty folder in the one shown (an empty `<name>/` object: S3 itself has no folders). */
export function NewFolderButton({ accountId, bucket, prefix }: { accountId: string; bucket: string; prefix: string }) {
  const [opened, setOpened] = useState(false);
  const create = useCreateFolder(accountId, bucket, prefix);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '' },
    validate: {
      name: (value: string) =>
        !value.trim() ? 'Enter the folder’s name.' : value.includes('/') ? 'A folder name has no “/”.' : null,
    },
  });
  const close = () => {
    setOpened(false);
    form.reset();
    create.reset();
  };
  const submit = form.onSubmit((values) => create.mutate(values.name.trim(), { onSuccess: close }));
  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)}>
        New folder
      </Button>
      <Modal opened={opened} onClose={close} title="New folder">
        <form onSubmit={submit} noValidate>
          <Stack>
            <FormError error={create.error} />
            <TextInput
              label="Folder name"
              description={`Made in ${prefix || `the top of ${bucket}`}.`}
              autoComplete="off"
              required
              data-autofocus
              {...form.getInputProps('name')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending}>
                Create folder
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
