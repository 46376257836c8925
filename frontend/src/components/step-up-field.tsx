import { PasswordInput, TextInput, type TextInputProps } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';

import type { StepUpFactor } from '@/lib/step-up';

type StepUpFieldProps = GetInputPropsReturnType & {
  /** The caller's factor: `stepUpFactor(me)`. */
  factor: StepUpFactor;
  w?: TextInputProps['w'];
  'data-autofocus'?: boolean;
};

/**
 * "Confirm it is you" before a storage secret is handed out: a code from the authenticator app, or
 * the current password for someone without two-factor authentication. Spread the form's
 * `getInputProps(factor)` into it; a refusal is shown at the field (see `setStepUpErrors`).
 */
export function StepUpField({ factor, ...inputProps }: StepUpFieldProps) {
  if (factor === 'code') {
    return (
      <TextInput
        label="Authentication code"
        autoComplete="one-time-code"
        inputMode="numeric"
        required
        {...inputProps}
      />
    );
  }
  return <PasswordInput label="Current password" autoComplete="current-password" required {...inputProps} />;
}
