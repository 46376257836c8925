import type { UseFormReturnType } from '@mantine/form';

import type { Me, StepUpRequest } from '@/client/types.gen';

import { ApiError } from './api-error';
import { setServerFieldErrors } from './form-errors';

/**
 * The fresh factor the server asks of the caller before it hands out a storage secret (a new access
 * key, CLI credentials): a code from the authenticator app for people who set up two-factor
 * authentication, else their current password.
 */
export type StepUpFactor = keyof StepUpValues;

/** Both fields live in the form; only the caller's factor is shown and sent. */
export type StepUpValues = { code: string; current_password: string };

export const EMPTY_STEP_UP: StepUpValues = { code: '', current_password: '' };

export function stepUpFactor(me: Pick<Me, 'mfa_enrolled'>): StepUpFactor {
  return me.mfa_enrolled ? 'code' : 'current_password';
}

/** The checks of @mantine/form for the shown field; the server checks the factor itself. */
export function stepUpValidation(factor: StepUpFactor) {
  return {
    code: (value: string) =>
      factor !== 'code' || /^\d{6,8}$/.test(value.trim()) ? null : 'Enter the 6-digit code from your app.',
    current_password: (value: string) =>
      factor !== 'current_password' || value ? null : 'Enter your current password.',
  };
}

/** The request's factor fields: only the caller's one. */
export function stepUpBody(factor: StepUpFactor, values: StepUpValues): StepUpRequest {
  return factor === 'code' ? { code: values.code.trim() } : { current_password: values.current_password };
}

/**
 * The message of a refusal of the factor itself, which belongs at its field: a missing factor or a
 * wrong password (422 with a field error) or a wrong code (401 `invalid-code`, which names no field
 * and is not a lost session). Null for any other refusal.
 */
export function stepUpFieldMessage(error: unknown, factor: StepUpFactor): string | null {
  if (!(error instanceof ApiError)) return null;
  if (factor === 'code' && error.kind === 'invalid-code') return error.problem.detail;
  return error.problem.errors?.find(({ field }) => field === factor)?.message ?? null;
}

/** Puts the server's field errors on the form, a wrong code on the code field; the values stay as typed. */
export function setStepUpErrors<Values extends StepUpValues>(
  form: UseFormReturnType<Values>,
  error: ApiError,
  factor: StepUpFactor,
): void {
  setServerFieldErrors(form, error);
  const message = stepUpFieldMessage(error, factor);
  if (message) form.setFieldError(factor, message);
}

/** The refusal to show above the form: none when its message is already at the factor's field. */
export function stepUpFormError(error: unknown, factor: StepUpFactor): unknown {
  return stepUpFieldMessage(error, factor) ? null : error;
}
