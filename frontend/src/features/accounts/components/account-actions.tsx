import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { AccountDetail } from '@/client/types.gen';
import { ConfirmModal } from '@/components/confirm-modal';
import { FormError } from '@/components/form-error';

import { DeleteAccountForm } from './delete-account-form';
import { useDisableAccount } from '../api/disable-account';
import { useEnableAccount } from '../api/enable-account';
import { useRetryAccountProvisioning } from '../api/retry-account-provisioning';

type Dialog = 'disable' | 'enable' | 'delete' | null;

// `deleting`: a deletion that stopped (data added meanwhile, a refusal) goes on when asked again.
const DELETABLE: ReadonlySet<AccountDetail['status']> = new Set(['active', 'disabled', 'failed', 'deleting']);

/** What a platform administrator or manager can do with the account in its present status. */
export function AccountActions({ account }: { account: AccountDetail }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const disable = useDisableAccount();
  const enable = useEnableAccount();
  const retry = useRetryAccountProvisioning();
  const name = account.display_name;
  const switchable = account.status === 'active' || account.status === 'disabled';

  const close = () => {
    setDialog(null);
    disable.reset();
    enable.reset();
  };
  const done = (message: string) => {
    close();
    notifications.show({ color: 'green', message });
  };

  const retryProvisioning = () =>
    retry.mutate(account.id, {
      onSuccess: (retried) =>
        notifications.show(
          retried.status === 'failed'
            ? { color: 'red', message: `Provisioning of ${name} failed again.` }
            : { color: 'green', message: `${name} is provisioned.` },
        ),
    });

  return (
    <Stack align="flex-start">
      <FormError error={retry.error} />
      <Group>
        {/* One button that changes its name: the dialog gives the focus back to it after the change. */}
        {switchable && (
          <Button variant="default" onClick={() => setDialog(account.status === 'active' ? 'disable' : 'enable')}>
            {account.status === 'active' ? 'Disable' : 'Enable'}
          </Button>
        )}
        {(account.status === 'failed' || account.status === 'waiting') && (
          <Button loading={retry.isPending} onClick={retryProvisioning}>
            Retry provisioning
          </Button>
        )}
        {DELETABLE.has(account.status) && (
          <Button color="red" variant="light" onClick={() => setDialog('delete')}>
            Delete account
          </Button>
        )}
      </Group>

      <ConfirmModal
        opened={dialog === 'disable'}
        title={`Disable ${name}?`}
        confirmLabel="Disable account"
        color="red"
        loading={disable.isPending}
        error={disable.error}
        onConfirm={() => disable.mutate(account.id, { onSuccess: () => done(`${name} is disabled.`) })}
        onClose={close}
      >
        <Text size="sm">
          Its people are signed out and cannot sign in, and its access keys stop working until the account is
          enabled again. No data is deleted.
        </Text>
      </ConfirmModal>
      <ConfirmModal
        opened={dialog === 'enable'}
        title={`Enable ${name}?`}
        confirmLabel="Enable account"
        loading={enable.isPending}
        error={enable.error}
        onConfirm={() => enable.mutate(account.id, { onSuccess: () => done(`${name} is enabled.`) })}
        onClose={close}
      >
        <Text size="sm">Its people can sign in again and its access keys work again.</Text>
      </ConfirmModal>
      <Modal opened={dialog === 'delete'} onClose={close} title={`Delete ${name}?`} centered>
        <DeleteAccountForm account={account} onDeleted={() => done(`${name} is deleted.`)} onCancel={close} />
      </Modal>
    </Stack>
  );
}
