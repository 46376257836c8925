import { Button, Group, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';

import { FormError } from './form-error';

type ConfirmModalProps = {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: string;
  loading: boolean;
  /** Why the last attempt failed; shown in the modal, which stays open. */
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
};

/** Asks "are you sure?" before an action that is not undone by accident. */
export function ConfirmModal(props: ConfirmModalProps) {
  const { opened, title, children, confirmLabel, color, loading, error, onConfirm, onClose } = props;
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <FormError error={error} />
        {children}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color={color} loading={loading} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
