import { Modal, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { ConsoleUser } from '@/client/types.gen';
import { ConfirmModal } from '@/components/confirm-modal';
import { roleLabel } from '@/lib/authorization';

import { ChangeRoleForm } from './change-role-form';
import { DeleteUserForm } from './delete-user-form';
import type { UserAction } from './user-actions-menu';
import { useDisableUser } from '../api/disable-user';
import { useEnableUser } from '../api/enable-user';
import { useEndUserSessions } from '../api/end-user-sessions';
import { useResetUserMfa } from '../api/reset-user-mfa';
import { useResetUserPassword } from '../api/reset-user-password';
import type { UserScope } from '../user-scope';

/** The action asked for and its person; the person stays while the modal fades out. */
export type UserDialog = { action: Exclude<UserAction, 'unlock' | 'data-access'> | null; user: ConsoleUser | null };

/**
 * The confirmations and forms of the actions on one person. A refusal is shown in the modal,
 * which stays open; success closes it and says so in a notification.
 */
export function UserDialogs({
  scope,
  dialog,
  isSelf,
  onClose,
}: {
  scope: UserScope;
  dialog: UserDialog;
  isSelf: boolean;
  onClose: () => void;
}) {
  const disable = useDisableUser(scope);
  const enable = useEnableUser(scope);
  const endSessions = useEndUserSessions(scope);
  const reset = useResetUserPassword(scope);
  const resetMfa = useResetUserMfa(scope);
  const { action, user } = dialog;
  if (!user) return null;
  const { username } = user;
  const inAccount = scope.kind === 'account';

  const close = () => {
    onClose();
    disable.reset();
    enable.reset();
    endSessions.reset();
    reset.reset();
    resetMfa.reset();
  };
  const done = (message: string) => {
    close();
    notifications.show({ color: 'green', message });
  };

  return (
    <>
      <ConfirmModal
        opened={action === 'disable'}
        title={`Disable ${username}?`}
        confirmLabel="Disable person"
        color="red"
        loading={disable.isPending}
        error={disable.error}
        onConfirm={() => disable.mutate(user.id, { onSuccess: () => done(`${username} is disabled.`) })}
        onClose={close}
      >
        <Text size="sm">
          {user.display_name} is signed out and cannot sign in until enabled again
          {inAccount ? '; their access keys stop working too' : ''}. Nothing is deleted.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={action === 'enable'}
        title={`Enable ${username}?`}
        confirmLabel="Enable person"
        loading={enable.isPending}
        error={enable.error}
        onConfirm={() => enable.mutate(user.id, { onSuccess: () => done(`${username} is enabled.`) })}
        onClose={close}
      >
        <Text size="sm">
          {user.display_name} can sign in again{inAccount ? ' and their access keys work again' : ''}.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={action === 'end-sessions'}
        title={`End all sessions of ${username}?`}
        confirmLabel="End sessions"
        color="red"
        loading={endSessions.isPending}
        error={endSessions.error}
        onConfirm={() =>
          endSessions.mutate(user.id, { onSuccess: () => done(`${username} is signed out everywhere.`) })
        }
        onClose={close}
      >
        <Text size="sm">
          {user.display_name} is signed out on every device at their next request, for example after a lost laptop.
          They can sign in again: nothing else about them changes
          {inAccount ? ' and their access keys keep working' : ''}.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={action === 'reset-password'}
        title={`Reset the password of ${username}?`}
        confirmLabel="Reset password and mail it"
        color="red"
        loading={reset.isPending}
        error={reset.error}
        onConfirm={() =>
          reset.mutate(user.id, {
            onSuccess: (changed) =>
              done(`The password of ${username} was reset; a one-time password was mailed to ${changed.email}.`),
          })
        }
        onClose={close}
      >
        <Text size="sm">
          A new one-time password is mailed to {user.email}. {user.display_name}&apos;s sessions end, a lock after
          failed sign-ins is lifted, and they choose a new password at their next sign-in.
        </Text>
        {isSelf && (
          <Text size="sm" fw={700}>
            This is you: you will be signed out.
          </Text>
        )}
      </ConfirmModal>
      <ConfirmModal
        opened={action === 'reset-mfa'}
        title={`Reset the MFA of ${username}?`}
        confirmLabel="Reset MFA"
        color="red"
        loading={resetMfa.isPending}
        error={resetMfa.error}
        onConfirm={() =>
          resetMfa.mutate(user.id, {
            onSuccess: () => done(`The authenticator of ${username} was reset; they set it up again at sign-in.`),
          })
        }
        onClose={close}
      >
        <Text size="sm">
          For a lost device: {user.display_name}&apos;s authenticator app and recovery codes stop working, their
          sessions end, and they set up an authenticator again at their next sign-in. They are told by mail.
        </Text>
      </ConfirmModal>
      <Modal opened={action === 'change-role'} onClose={close} title={`Change the role of ${username}`} centered>
        <ChangeRoleForm
          key={user.id}
          scope={scope}
          user={user}
          onChanged={(changed) => done(`${username} is now ${roleLabel(changed.role).toLowerCase()}.`)}
          onCancel={close}
        />
      </Modal>
      <Modal opened={action === 'delete'} onClose={close} title={`Delete ${username}?`} centered>
        <DeleteUserForm
          key={user.id}
          scope={scope}
          user={user}
          onDeleted={() => done(`${username} is deleted.`)}
          onCancel={close}
        />
      </Modal>
    </>
  );
}
