import { Button, Modal } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';

import type { ConsoleUser } from '@/client/types.gen';

import { InviteUserForm } from './invite-user-form';
import type { UserScope } from '../user-scope';

/** "Add person" and the form it opens; the modal closes only once the person was added. */
export function AddUserButton({ scope }: { scope: UserScope }) {
  const [opened, { open, close }] = useDisclosure();
  const invited = (user: ConsoleUser) => {
    close();
    notifications.show({
      color: 'green',
      message: `${user.username} was added; their one-time password was mailed to ${user.email}`,
    });
  };
  return (
    <>
      <Button onClick={open}>Add person</Button>
      <Modal opened={opened} onClose={close} title="Add a person" centered>
        <InviteUserForm scope={scope} onInvited={invited} onCancel={close} />
      </Modal>
    </>
  );
}
