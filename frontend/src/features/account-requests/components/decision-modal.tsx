import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { AccountRequest } from '@/client/types.gen';

import { ApproveRequestForm } from './approve-request-form';
import { DenyRequestForm } from './deny-request-form';

export type Decision = { kind: 'approve' | 'deny'; request: AccountRequest };

/** Approving or denying one request; the modal stays open with the server's answer when it refuses. */
export function DecisionModal({ decision, onClose }: { decision: Decision | null; onClose: () => void }) {
  const approved = (request: AccountRequest) => {
    onClose();
    const account = request.account_id ?? request.account_name;
    notifications.show({
      color: 'green',
      message: `Request of ${request.organisation} approved: account ${account} created.`,
    });
  };
  const denied = (request: AccountRequest) => {
    onClose();
    notifications.show({ color: 'green', message: `Request of ${request.organisation} denied.` });
  };

  return (
    <Modal
      opened={decision !== null}
      onClose={onClose}
      title={decision?.kind === 'deny' ? 'Deny account request' : 'Approve account request'}
      centered
    >
      {decision?.kind === 'approve' && (
        <ApproveRequestForm request={decision.request} onApproved={approved} onCancel={onClose} />
      )}
      {decision?.kind === 'deny' && (
        <DenyRequestForm request={decision.request} onDenied={denied} onCancel={onClose} />
      )}
    </Modal>
  );
}
