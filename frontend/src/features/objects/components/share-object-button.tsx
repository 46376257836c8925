import { Button, CopyButton, Group, Modal, NumberInput, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';

import type { NewShareLink } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { formatDateTime } from '@/lib/dates';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useCreateShareLink } from '../api/create-share-link';

const EXPIRIES = [
  { value: '1', label: '1 day' },
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
];

type Values = { days: string; password: string; download_limit: number | string };

/** Share one object by a link that works without a session; it can be revoked at any time. */
export function ShareObjectButton({ accountId, bucket, objectKey }: { accountId: string; bucket: string; objectKey: string }) {
  const [opened, setOpened] = useState(false);
  const [made, setMade] = useState<NewShareLink | null>(null);
  const share = useCreateShareLink(accountId, bucket);
  const form = useForm<Values>({ mode: 'controlled', initialValues: { days: '7', password: '', download_limit: '' } });
  const close = () => {
    setOpened(false);
    setMade(null);
    share.reset();
    form.reset();
  };
  const submit = form.onSubmit((values) =>
    share.mutate(
      {
        key: objectKey,
        days: Number(values.days),
        password: values.password || null,
        download_limit: values.download_limit === '' ? null : Number(values.download_limit),
      },
      { onSuccess: setMade, onError: (error) => setServerFieldErrors(form, error) },
    ),
  );

  return (
    <>
      <Button variant="default" onClick={() => setOpened(true)}>
        Share
      </Button>
      <Modal opened={opened} onClose={close} title="Share by link" centered>
        {made ? (
          <Stack>
            <Text size="sm">
              Anyone with this link can download the file until {formatDateTime(made.expires_at)}
              {made.download_limit ? `, ${made.download_limit} times at most` : ''}. Copy it now: Coffer does not
              show it again. You can revoke it from Share links.
            </Text>
            <TextInput label="Link" value={made.url} readOnly onFocus={(event) => event.currentTarget.select()} />
            <Group justify="flex-end">
              <CopyButton value={made.url}>
                {({ copied, copy }) => <Button onClick={copy}>{copied ? 'Copied' : 'Copy link'}</Button>}
              </CopyButton>
              <Button variant="default" onClick={close}>
                Done
              </Button>
            </Group>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {objectKey}
              </Text>
              <FormError error={share.error} />
              <Select label="Works for" data={EXPIRIES} allowDeselect={false} {...form.getInputProps('days')} />
              <PasswordInput
                label="Password"
                description="Optional; at least 8 characters. Tell it to the recipient another way."
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <NumberInput
                label="Download limit"
                description="Optional: the link stops working after this many downloads."
                min={1}
                allowDecimal={false}
                {...form.getInputProps('download_limit')}
              />
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  Cancel
                </Button>
                <Button type="submit" loading={share.isPending}>
                  Create link
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Modal>
    </>
  );
}
