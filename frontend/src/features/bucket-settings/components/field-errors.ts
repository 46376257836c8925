import type { UseFormReturnType } from '@mantine/form';

import type { ApiError } from '@/lib/api-error';

/**
 * Puts the server's field errors of a form with lists (`rules.0.allowed_origins.1`) on the form's own
 * fields, cut to `depth` parts (`rules.0.allowed_origins`), so each message sits beside what is wrong.
 * The values stay as typed.
 */
export function setNestedFieldErrors<Values extends object>(
  form: UseFormReturnType<Values>,
  error: ApiError,
  depth: number,
): void {
  for (const { field, message } of error.problem.errors ?? []) {
    form.setFieldError(field.split('.').slice(0, depth).join('.'), message.replace(/^Value error, /, ''));
  }
}
