import { Button, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';

import type { AccountDetail } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import type { ApiError } from '@/lib/api-error';
import { setServerFieldErrors } from '@/lib/form-errors';
import { quotaInputToBytes } from '@/lib/sizes';

import { useCreateAccount } from '../api/create-account';

const FIELD_ALIASES = { quota_bytes: 'quota_gib' };

const required = (what: string) => (value: string) => (value.trim() ? null : `Enter ${what}.`);
const email = (what: string) => (value: string) => (/^\S+@\S+$/.test(value.trim()) ? null : `Enter ${what}.`);

/**
 * A refusal (4xx) means nothing was created, so the corrected form is a new request and gets a
 * new key. After no answer, a server error or "still in progress" the outcome is unknown: the key
 * stays, so sending again cannot create the account twice.
 */
function createdNothing(error: ApiError): boolean {
  return error.status >= 400 && error.status < 500 && error.kind !== 'in-progress';
}

/** A new account and its first account administrator, provisioned at once by the server. */
export function CreateAccountForm({ onCreated }: { onCreated: (account: AccountDetail) => void }) {
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const create = useCreateAccount();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      id: '',
      display_name: '',
      contact_email: '',
      quota_gib: '' as number | string,
      admin_name: '',
      admin_email: '',
    },
    validate: {
      id: required('an account id'),
      display_name: required('a display name'),
      contact_email: email('the contact email address'),
      admin_name: required("the administrator's name"),
      admin_email: email("the administrator's email address"),
    },
  });

  const submit = form.onSubmit((values) =>
    create.mutate(
      {
        idempotencyKey,
        body: {
          id: values.id.trim(),
          display_name: values.display_name.trim(),
          contact_email: values.contact_email.trim(),
          quota_bytes: quotaInputToBytes(values.quota_gib),
          admin_name: values.admin_name.trim(),
          admin_email: values.admin_email.trim(),
        },
      },
      {
        onSuccess: onCreated,
        onError: (error) => {
          setServerFieldErrors(form, error, FIELD_ALIASES);
          if (createdNothing(error)) setIdempotencyKey(crypto.randomUUID());
        },
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={480}>
        <FormError error={create.error} />
        <TextInput
          label="Account id"
          description="3 to 20 lowercase letters and digits, starting with a letter. It cannot be changed later."
          autoComplete="off"
          required
          {...form.getInputProps('id')}
        />
        <TextInput
          label="Display name"
          description="Letters of any language, digits, spaces and . , _ + @ - & ' ( ) /."
          autoComplete="off"
          required
          {...form.getInputProps('display_name')}
        />
        <TextInput
          label="Contact email"
          type="email"
          autoComplete="off"
          required
          {...form.getInputProps('contact_email')}
        />
        <NumberInput
          label="Quota (GiB)"
          description="Optional. Leave empty for no quota."
          min={0}
          allowDecimal={false}
          allowNegative={false}
          {...form.getInputProps('quota_gib')}
        />
        <TextInput label="Admin name" autoComplete="off" required {...form.getInputProps('admin_name')} />
        <TextInput
          label="Admin email"
          type="email"
          autoComplete="off"
          required
          {...form.getInputProps('admin_email')}
        />
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          Create account
        </Button>
      </Stack>
    </form>
  );
}
