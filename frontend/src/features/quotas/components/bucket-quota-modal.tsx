import { Modal } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { BucketQuota, BucketQuotaChange } from '@/client/types.gen';
import type { ApiError } from '@/lib/api-error';

import { QuotaForm } from './quota-form';
import { useSetBucketQuota } from '../api/set-bucket-quota';

type BucketQuotaModalProps = {
  accountId: string;
  /** The bucket with the quota in force, which the form starts from; it stays set while the modal closes. */
  bucket: BucketQuota | undefined;
  opened: boolean;
  onClose: () => void;
};

/** One bucket's quota and alert thresholds, or its removal (platform administrators and the account's own). */
export function BucketQuotaModal({ accountId, bucket, opened, onClose }: BucketQuotaModalProps) {
  const save = useSetBucketQuota();
  const removing = save.isPending && save.variables.body.quota_bytes === null;

  const close = () => {
    onClose();
    save.reset();
  };
  const set = (name: string, body: BucketQuotaChange, refused?: (error: ApiError) => void) =>
    save.mutate(
      { accountId, bucket: name, body },
      {
        onSuccess: () => {
          close();
          notifications.show({ color: 'green', message: body.quota_bytes === null ? 'Quota removed.' : 'Quota saved.' });
        },
        onError: refused,
      },
    );

  return (
    <Modal opened={opened && bucket !== undefined} onClose={close} title={`Quota of ${bucket?.name ?? ''}`} centered>
      {bucket && (
        <QuotaForm
          quotaBytes={bucket.quota_bytes}
          warningPercent={bucket.warning_percent}
          criticalPercent={bucket.critical_percent}
          covers="this bucket"
          saving={save.isPending && !removing}
          removing={removing}
          error={save.error}
          onSave={({ quota_bytes, warning_percent, critical_percent }, refused) =>
            set(bucket.name, { quota_bytes, warning_percent, critical_percent }, refused)
          }
          // Whatever thresholds were typed, a removal sends none: the server's defaults always pass its checks.
          onRemove={bucket.quota_bytes === null ? undefined : () => set(bucket.name, { quota_bytes: null })}
          onCancel={close}
        />
      )}
    </Modal>
  );
}
