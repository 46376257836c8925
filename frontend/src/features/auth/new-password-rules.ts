/** The server's default minimum (COFFER_PASSWORD_MIN_LENGTH); the server judges, this only spares a round trip. */
export const MIN_PASSWORD_LENGTH = 12;

/** Checks of a "new password" + "repeat" pair, shared by every form that sets a password. */
export const newPasswordValidation = {
  new_password: (value: string) =>
    value.length >= MIN_PASSWORD_LENGTH ? null : `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  repeat_password: (value: string, values: { new_password: string }) =>
    value === values.new_password ? null : 'The passwords do not match.',
};
