import type { UseFormReturnType } from '@mantine/form';

import type { ApiError } from './api-error';

/** Puts the server's field errors on the form fields of the same name; the values stay as typed. */
export function setServerFieldErrors<Values extends object>(form: UseFormReturnType<Values>, error: ApiError): void {
  for (const { field, message } of error.problem.errors ?? []) {
    if (field in form.getValues()) form.setFieldError(field, message);
  }
}
