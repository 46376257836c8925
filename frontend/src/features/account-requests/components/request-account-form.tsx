import { Button, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';

import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useRequestAccount } from '../api/request-account';

/** The account name is checked as the future account's name and id; the server reports it under those names. */
const FIELD_ALIASES = { display_name: 'account_name', id: 'account_name' };

const required = (what: string) => (value: string) => (value.trim() ? null : `Enter ${what}.`);

/** Public form asking for an account; the server validates everything again and rate-limits it. */
export function RequestAccountForm({ onSent }: { onSent: (email: string) => void }) {
  const request = useRequestAccount();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      organisation: '',
      account_name: '',
      contact_name: '',
      contact_email: '',
      expected_capacity_gib: '' as number | string,
      message: '',
    },
    validate: {
      organisation: required('your organisation'),
      account_name: required('a name for the account'),
      contact_name: required('your name'),
      contact_email: (value) => (/^\S+@\S+$/.test(value.trim()) ? null : 'Enter your email address.'),
      expected_capacity_gib: (value) =>
        typeof value === 'number' && value >= 1 ? null : 'Enter the capacity you expect, in GiB.',
    },
  });

  const submit = form.onSubmit((values) => {
    const body = {
      organisation: values.organisation.trim(),
      account_name: values.account_name.trim(),
      contact_name: values.contact_name.trim(),
      contact_email: values.contact_email.trim(),
      expected_capacity_gib: Number(values.expected_capacity_gib),
      message: values.message.trim(),
    };
    request.mutate(body, {
      onSuccess: () => onSent(body.contact_email),
      onError: (error) => setServerFieldErrors(form, error, FIELD_ALIASES),
    });
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <FormError error={request.error} />
        <TextInput label="Organisation" autoComplete="organization" required {...form.getInputProps('organisation')} />
        <TextInput
          label="Account name"
          description="Letters of any language, digits, spaces and . , _ + @ - & ' ( ) /, e.g. Acme Research."
          autoComplete="off"
          required
          {...form.getInputProps('account_name')}
        />
        <TextInput label="Contact name" autoComplete="name" required {...form.getInputProps('contact_name')} />
        <TextInput
          label="Contact email"
          type="email"
          autoComplete="email"
          required
          {...form.getInputProps('contact_email')}
        />
        <NumberInput
          label="Expected capacity (GiB)"
          min={1}
          allowDecimal={false}
          allowNegative={false}
          required
          {...form.getInputProps('expected_capacity_gib')}
        />
        <Textarea label="Message" description="Optional." autosize minRows={3} {...form.getInputProps('message')} />
        <Button type="submit" loading={request.isPending}>
          Send request
        </Button>
      </Stack>
    </form>
  );
}
