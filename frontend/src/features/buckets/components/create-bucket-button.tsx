import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';

import type { Bucket } from '@/client/types.gen';

import { CreateBucketForm } from './create-bucket-form';

/** "Create bucket" and the form it opens; the modal closes only once the bucket exists. */
export function CreateBucketButton({ accountId }: { accountId: string }) {
  const [opened, { open, close }] = useDisclosure();
  const created = (bucket: Bucket) => {
    close();
    notifications.show({ color: 'green', message: `Bucket ${bucket.name} was created.` });
  };
  return (
    <>
      <Button onClick={open}>Create bucket</Button>
      <Modal opened={opened} onClose={close} title="Create a bucket" centered>
        <CreateBucketForm accountId={accountId} onCreated={created} onCancel={close} />
      </Modal>
    </>
  );
}
