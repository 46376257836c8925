import type { UseFormReturnType } from '@mantine/form';

import type { ApiError } from './api-error';

/** The server's name of a field → the form's name where they differ (e.g. `quota_bytes` entered as `quota_gib`). */
export type FieldAliases = Readonly<Record<string, string>>;

/** Puts the server's field errors on the form fields of the same name; the values stay as typed. */
export function setServerFieldErrors<Values extends object>(
  form: UseFormReturnType<Values>,
  error: ApiError,
  aliases: FieldAliases = {},
): void {
  for (const { field, message } of error.problem.errors ?? []) {
    const name = aliases[field] ?? field;
    if (name in form.getValues()) form.setFieldError(name, message);
  }
}

/**
 * useForm options that take a refused submission's message away once the person edits the form:
 * "Password refused" must not stay above a password that has since changed.
 */
export function clearedOnEdit(mutation: { error: unknown; reset: () => void }) {
  return {
    onValuesChange: () => {
      if (mutation.error) mutation.reset();
    },
  };
}
