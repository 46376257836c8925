import { Button, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';

import { ConfirmModal } from '@/components/confirm-modal';
import { ApiError } from '@/lib/api-error';

import { PurgeBucketModal } from './purge-bucket-modal';
import { useDeleteBucket } from '../api/delete-bucket';

/** Deletes an empty bucket after a confirmation; one that holds objects is refused, the reason shown, and
 * deleting it with all its data offered (a second confirmation). */
export function DeleteBucketButton({ accountId, bucket }: { accountId: string; bucket: string }) {
  const [opened, { open, close }] = useDisclosure();
  const [purging, purge] = useDisclosure();
  const remove = useDeleteBucket();
  const holdsData = remove.error instanceof ApiError && remove.error.kind === 'bucket-holds-data';
  const offerPurge = () => {
    close();
    remove.reset();
    purge.open();
  };
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
        {holdsData && (
          <Button variant="light" color="red" onClick={offerPurge}>
            Delete the bucket and all its data
          </Button>
        )}
      </ConfirmModal>
      <PurgeBucketModal accountId={accountId} bucket={bucket} opened={purging} onClose={purge.close} />
    </>
  );
}
