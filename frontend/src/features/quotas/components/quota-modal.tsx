import { Button, Group, Modal, NumberInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';
import { GIB, quotaInputToBytes } from '@/lib/sizes';

import { useSetQuota } from '../api/set-quota';

const FIELD_ALIASES = { quota_bytes: 'quota_gib' };

export type QuotaTarget = {
  /** null: the account's own quota. */
  bucket: string | null;
  quotaBytes: number | null;
  quotaObjects: number | null;
};

type QuotaModalProps = {
  accountId: string;
  target: QuotaTarget | null;
  onClose: () => void;
};

/**
 * Sets the account's quota (bytes, optionally objects) or one bucket's, with its alert thresholds.
 * A refusal shows on the fields; what was typed stays.
 */
export function QuotaModal({ accountId, target, onClose }: QuotaModalProps) {
  const title = target === null ? '' : target.bucket === null ? 'Account quota' : `Quota of ${target.bucket}`;
  return (
    <Modal opened={target !== null} onClose={onClose} title={title} centered>
      {target !== null && (
        <QuotaForm key={target.bucket ?? ''} accountId={accountId} target={target} onClose={onClose} />
      )}
    </Modal>
  );
}

/** The form starts from the quota now in force each time the modal opens for a target. */
function QuotaForm({ accountId, target, onClose }: { accountId: string; target: QuotaTarget; onClose: () => void }) {
  const save = useSetQuota(accountId);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      quota_gib: (target.quotaBytes !== null ? target.quotaBytes / GIB : '') as number | string,
      quota_objects: (target.quotaObjects ?? '') as number | string,
      warning_percent: 80 as number | string,
      critical_percent: 90 as number | string,
    },
  });
  const isAccount = target.bucket === null;

  const submit = (quotaBytes: number | null) => {
    const values = form.getValues();
    save.mutate(
      {
        bucket: target.bucket,
        quota_bytes: quotaBytes,
        quota_objects: typeof values.quota_objects === 'number' ? values.quota_objects : null,
        warning_percent: Number(values.warning_percent),
        critical_percent: Number(values.critical_percent),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: quotaBytes === null ? 'Quota removed.' : 'Quota saved.' });
          onClose();
        },
        onError: (error) => setServerFieldErrors(form, error, FIELD_ALIASES),
      },
    );
  };

  return (
    <form onSubmit={form.onSubmit((values) => submit(quotaInputToBytes(values.quota_gib)))} noValidate>
      <Stack>
        <FormError error={save.error} />
        <NumberInput
          label="Quota (GiB)"
          description="Empty for no quota. Over it, writes are refused; reads and deletes still work."
          min={0}
          decimalScale={6}
          {...form.getInputProps('quota_gib')}
        />
        {isAccount && (
          <NumberInput
            label="Object limit"
            description="Optional."
            min={1}
            allowDecimal={false}
            {...form.getInputProps('quota_objects')}
          />
        )}
        <Group grow>
          <NumberInput label="Warning at (%)" min={1} max={99} {...form.getInputProps('warning_percent')} />
          <NumberInput label="Critical at (%)" min={1} max={99} {...form.getInputProps('critical_percent')} />
        </Group>
        <Group justify="space-between">
          {!isAccount && target.quotaBytes !== null ? (
            <Button variant="light" color="red" onClick={() => submit(null)} loading={save.isPending}>
              Remove quota
            </Button>
          ) : (
            <span />
          )}
          <Group>
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
