import { Button, Checkbox, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useStartBucketPurge } from '../api/start-bucket-purge';

/**
 * The second confirmation before a bucket goes with all its data: its whole name typed exactly and the
 * loss acknowledged. The server checks the name too; once started, the buckets table shows the progress.
 */
export function PurgeBucketModal({
  accountId,
  bucket,
  opened,
  onClose,
}: {
  accountId: string;
  bucket: string;
  opened: boolean;
  onClose: () => void;
}) {
  const start = useStartBucketPurge();
  const form = useForm({ mode: 'controlled', initialValues: { confirm_name: '', understood: false } });
  const { confirm_name, understood } = form.values;
  const close = () => {
    form.reset();
    start.reset();
    onClose();
  };
  const submit = form.onSubmit(({ confirm_name: confirmName }) =>
    start.mutate(
      { accountId, bucket, confirmName },
      { onSuccess: close, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <Modal opened={opened} onClose={close} title={`Delete ${bucket} and all its data?`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            Every object in the bucket is deleted, with all its versions, and then the bucket itself. This runs in
            the background and can take a while for a big bucket; its name becomes free for anyone to take.
          </Text>
          <FormError error={start.error} />
          <TextInput
            label="Type the bucket name to confirm"
            description={
              <>
                The bucket name is <strong>{bucket}</strong>.
              </>
            }
            autoComplete="off"
            required
            {...form.getInputProps('confirm_name')}
          />
          <Checkbox
            label="I understand the objects cannot be recovered"
            {...form.getInputProps('understood', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button
              type="submit"
              color="red"
              disabled={confirm_name !== bucket || !understood}
              loading={start.isPending}
            >
              Delete bucket and all data
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
