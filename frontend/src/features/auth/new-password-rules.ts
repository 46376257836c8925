import type { PasswordRules } from '@/client/types.gen';

/**
 * Checks of a "new password" + "repeat" pair, shared by every form that sets a password. The rules
 * are the server's (`usePasswordRules`); the server judges again, this only spares a round trip.
 */
export function newPasswordValidation(rules: PasswordRules) {
  return {
    new_password: (value: string) =>
      value.length >= rules.min_length ? null : `Use at least ${rules.min_length} characters.`,
    repeat_password: (value: string, values: { new_password: string }) =>
      value === values.new_password ? null : 'The passwords do not match.',
  };
}
