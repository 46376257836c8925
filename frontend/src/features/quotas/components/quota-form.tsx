import { Button, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { ApiError } from '@/lib/api-error';
import { setServerFieldErrors } from '@/lib/form-errors';
import { DEFAULT_CRITICAL_PERCENT, DEFAULT_WARNING_PERCENT } from '@/lib/quota-levels';
import { bytesToQuotaInput, quotaInputToBytes } from '@/lib/sizes';

/** What the form sends: a quota in bytes (null: none), an object limit (null: none) and the alert thresholds. */
export type QuotaChange = {
  quota_bytes: number | null;
  quota_objects: number | null;
  warning_percent: number;
  critical_percent: number;
};

/** The server names the quota in bytes; the form asks for GiB. */
const FIELD_ALIASES = { quota_bytes: 'quota_gib' };

/** A NumberInput's value: a number, or a string while empty or not yet one (`''`, `12.`). */
type NumberValue = number | string;

function wholeNumber(value: NumberValue): number | null {
  if (typeof value === 'number') return value;
  return value.trim() && Number.isInteger(Number(value)) ? Number(value) : null;
}

const percentage = (value: NumberValue) => (wholeNumber(value) === null ? 'Enter a percentage from 1 to 99.' : null);

/** The server's refusal above the form, unless it is all on the fields. */
function formError(error: unknown, fields: readonly string[]): unknown {
  const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const allOnFields = fieldErrors.length > 0 && fieldErrors.every(({ field }) => fields.includes(field));
  return allOnFields ? null : error;
}

type QuotaFormProps = {
  /** The quota in force (null: none): the form starts from it. */
  quotaBytes: number | null;
  /**
   * The account's object limit in force (null: none); undefined for a bucket, which has no object
   * limit and no such field.
   */
  quotaObjects?: number | null;
  /** The alert thresholds in force, in % of the quota: the form starts from them. */
  warningPercent: number;
  criticalPercent: number;
  /** What a quota covers, for the field's description: "this account's buckets", "this bucket". */
  covers: string;
  saving: boolean;
  removing?: boolean;
  /** Why the last attempt failed; the form stays and keeps what was typed. */
  error: unknown;
  /** Saves; `refused` puts the server's field errors on the fields. */
  onSave: (change: QuotaChange, refused: (error: ApiError) => void) => void;
  /** Removes the quota in force; undefined: no "Remove quota" (there is none, or it is removed by emptying the field). */
  onRemove?: () => void;
  onCancel: () => void;
};

/**
 * A quota in GiB (decimals allowed, empty for none), for an account also an object limit, and the
 * shares of it at which alerts are sent; it starts from what is in force.
 */
export function QuotaForm({
  quotaBytes,
  quotaObjects,
  warningPercent,
  criticalPercent,
  covers,
  saving,
  removing = false,
  error,
  onSave,
  onRemove,
  onCancel,
}: QuotaFormProps) {
  const withObjects = quotaObjects !== undefined;
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      quota_gib: bytesToQuotaInput(quotaBytes) as NumberValue,
      quota_objects: (quotaObjects ?? '') as NumberValue,
      warning_percent: warningPercent as NumberValue,
      critical_percent: criticalPercent as NumberValue,
    },
    validate: {
      quota_objects: (value) =>
        !withObjects || value === '' || wholeNumber(value) !== null ? null : 'Enter a whole number of objects.',
      warning_percent: percentage,
      critical_percent: percentage,
    },
  });
  const fields = ['quota_bytes', 'warning_percent', 'critical_percent', ...(withObjects ? ['quota_objects'] : [])];

  const submit = form.onSubmit((values) =>
    onSave(
      {
        quota_bytes: quotaInputToBytes(values.quota_gib),
        quota_objects: withObjects ? wholeNumber(values.quota_objects) : null,
        warning_percent: wholeNumber(values.warning_percent) ?? DEFAULT_WARNING_PERCENT,
        critical_percent: wholeNumber(values.critical_percent) ?? DEFAULT_CRITICAL_PERCENT,
      },
      (refusal) => setServerFieldErrors(form, refusal, FIELD_ALIASES),
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={formError(error, fields)} />
        <NumberInput
          label="Quota (GiB)"
          description={`Empty for no quota. Over it, writes to ${covers} are refused; reads and deletes still work.`}
          min={0}
          allowNegative={false}
          data-autofocus
          {...form.getInputProps('quota_gib')}
        />
        {withObjects && (
          <NumberInput
            label="Object limit"
            description="Optional. Empty for no limit on the number of objects."
            min={1}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('quota_objects')}
          />
        )}
        <Stack gap={4}>
          <Group grow align="flex-start">
            <NumberInput
              label="Warning at (%)"
              min={1}
              max={99}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('warning_percent')}
            />
            <NumberInput
              label="Critical at (%)"
              min={1}
              max={99}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('critical_percent')}
            />
          </Group>
          <Text size="xs" c="dimmed">
            An alert is sent when usage reaches each of these shares of the quota, and when it goes over.
          </Text>
        </Stack>
        <Group justify={onRemove ? 'space-between' : 'flex-end'}>
          {onRemove && (
            <Button variant="light" color="red" loading={removing} disabled={saving} onClick={onRemove}>
              Remove quota
            </Button>
          )}
          <Group gap="sm">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={removing}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
