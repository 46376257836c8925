import { Anchor, Button, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useVerifyMfa } from '../api/verify-mfa';
import { useSignInFlow } from '../sign-in-flow';

type Factor = 'code' | 'recovery_code';

/** Second factor: a code from the authenticator app or, failing that, one recovery code. */
export function MfaForm({ challenge }: { challenge: string }) {
  const flow = useSignInFlow();
  const verify = useVerifyMfa();
  const form = useForm({
    mode: 'controlled',
    initialValues: { factor: 'code' as Factor, code: '', recovery_code: '' },
    validate: {
      code: (value, { factor }) =>
        factor !== 'code' || /^\d{6,8}$/.test(value.trim()) ? null : 'Enter the 6-digit code from your app.',
      recovery_code: (value, { factor }) =>
        factor !== 'recovery_code' || value.trim() ? null : 'Enter one of your recovery codes.',
    },
  });
  const byRecoveryCode = form.values.factor === 'recovery_code';

  const submit = form.onSubmit(({ code, recovery_code }) =>
    verify.mutate(
      byRecoveryCode ? { challenge, recovery_code: recovery_code.trim() } : { challenge, code: code.trim() },
      {
        onSuccess: flow.finish,
        onError: (error) => {
          if (!flow.restartIfChallengeRefused(error)) setServerFieldErrors(form, error);
        },
      },
    ),
  );

  const toggle = () => {
    form.clearErrors();
    verify.reset();
    form.setFieldValue('factor', byRecoveryCode ? 'code' : 'recovery_code');
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={verify.error} />
        {byRecoveryCode ? (
          <TextInput
            key="recovery_code"
            label="Recovery code"
            autoComplete="off"
            required
            {...form.getInputProps('recovery_code')}
          />
        ) : (
          <TextInput
            key="code"
            label="Authentication code"
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            {...form.getInputProps('code')}
          />
        )}
        <Button type="submit" loading={verify.isPending}>
          Verify
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={toggle}>
          {byRecoveryCode ? 'Use an authentication code' : 'Use a recovery code'}
        </Anchor>
      </Stack>
    </form>
  );
}
