import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';

import { ConfirmModal } from '@/components/confirm-modal';

import { useDeleteBucket } from '../api/delete-bucket';

/** Deletes an empty bucket after a confirmation; one that holds objects is refused and the reason shown. */
export function DeleteBucketButton({ accountId, bucket }: { accountId: string; bucket: string }) {
  const [opened, { open, close }] = useDisclosure();
  const remove = useDeleteBucket();
  const cancel = () => {
    close();
    remove.reset();
  };
  const confirm = () =>
    remove.mutate(
      { accountId, bucket },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: 'green', message: `Bucket ${bucket} was deleted.` });
        },
      },
    );
  return (
    <>
      <Button size="xs" variant="subtle" color="red" onClick={open} aria-label={`Delete bucket ${bucket}`}>
        Delete
      </Button>
      <ConfirmModal
        opened={opened}
        title={`Delete bucket ${bucket}?`}
        confirmLabel="Delete bucket"
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={confirm}
        onClose={cancel}
      >
        <Text size="sm">Only an empty bucket can be deleted. Its name becomes free for anyone to take.</Text>
      </ConfirmModal>
    </>
  );
}
