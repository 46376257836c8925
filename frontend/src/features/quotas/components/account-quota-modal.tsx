import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { AccountQuota } from '@/client/types.gen';

import { QuotaForm } from './quota-form';
import { useSetAccountQuota } from '../api/set-account-quota';

type AccountQuotaModalProps = {
  accountId: string;
  /** The quotas in force, which the form starts from. */
  quota: AccountQuota;
  opened: boolean;
  onClose: () => void;
};

/** The account's quota in bytes and objects, and its alert thresholds (platform administrators). */
export function AccountQuotaModal({ accountId, quota, opened, onClose }: AccountQuotaModalProps) {
  const save = useSetAccountQuota();

  const close = () => {
    onClose();
    save.reset();
  };

  return (
    <Modal opened={opened} onClose={close} title="Account quota" centered>
      <QuotaForm
        quotaBytes={quota.quota_bytes}
        quotaObjects={quota.quota_objects}
        warningPercent={quota.warning_percent}
        criticalPercent={quota.critical_percent}
        covers="this account's buckets"
        saving={save.isPending}
        error={save.error}
        onSave={(body, refused) =>
          save.mutate(
            { accountId, body },
            {
              onSuccess: () => {
                close();
                notifications.show({ color: 'green', message: 'Quota saved.' });
              },
              onError: refused,
            },
          )
        }
        onCancel={close}
      />
    </Modal>
  );
}
