import { Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { RecoveryCodes } from './recovery-codes';
import { useNewRecoveryCodes } from '../api/profile';

/** New recovery codes for a code from the authenticator app; shown once, until the person says they saved them. */
export function NewRecoveryCodesForm() {
  const renew = useNewRecoveryCodes();
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value.trim()) ? null : 'Enter the 6-digit code.') },
  });

  if (renew.data) {
    return <RecoveryCodes codes={renew.data.recovery_codes} onContinue={() => renew.reset()} />;
  }
  const submit = form.onSubmit(({ code }) =>
    renew.mutate(code.trim(), { onSuccess: () => form.reset(), onError: (error) => setServerFieldErrors(form, error) }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={420}>
        <Text size="sm">Your old recovery codes stop working as soon as the new ones are made.</Text>
        <FormError error={renew.error} />
        <TextInput
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={renew.isPending}>
          Make new recovery codes
        </Button>
      </Stack>
    </form>
  );
}
