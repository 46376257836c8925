import { Button, CopyButton, Group, Modal, NumberInput, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';

import type { NewShareLink } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { formatDateTime } from '@/lib/dates';
import { setServerFieldErrors } from '@/lib/form-errors';
import { formatCountOf } from '@/lib/units';

import { useCreateShareLink } from '../api/create-share-link';

const MAX_DAYS = 3650;

type Values = { days: number | string; password: string; download_limit: number | string };

/**
 * Share one object, or a folder's files (a key ending in "/"), by a link that works without a session, for
 * any number of days Coffer allows (the link is checked on every use, so S3's 7-day limit does not apply);
 * it can be revoked at any time.
 */
export function ShareObjectButton({ accountId, bucket, objectKey }: { accountId: string; bucket: string; objectKey: string }) {
  const folder = objectKey.endsWith('/');
  const [opened, setOpened] = useState(false);
  const [made, setMade] = useState<NewShareLink | null>(null);
  const share = useCreateShareLink(accountId, bucket);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { days: 7, password: '', download_limit: '' },
    validate: {
      days: (days) =>
        days === '' || !Number.isInteger(Number(days)) || Number(days) < 1 || Number(days) > MAX_DAYS
          ? `Between 1 and ${MAX_DAYS} days.`
          : null,
    },
  });
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
        {folder ? 'Share folder' : 'Share'}
      </Button>
      <Modal opened={opened} onClose={close} title={folder ? 'Share this folder by link' : 'Share by link'} centered>
        {made ? (
          <Stack>
            <Text size="sm">
              Anyone with this link can {folder ? `see this folder's ${formatCountOf(made.objects, 'file')} and download them` : 'download the file'}{' '}
              until {formatDateTime(made.expires_at)}
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
              {folder && (
                <Text size="sm" c="dimmed">
                  Whoever has the link sees the files in this folder and its subfolders as they are when they
                  open it, and downloads them one by one or as a zip.
                </Text>
              )}
              <NumberInput
                label="Works for (days)"
                description={`1 to ${MAX_DAYS} days.`}
                min={1}
                max={MAX_DAYS}
                allowDecimal={false}
                clampBehavior="none"
                {...form.getInputProps('days')}
              />
              <PasswordInput
                label="Password"
                description="Optional; at least 8 characters. Tell it to the recipient another way."
                autoComplete="new-password"
                {...form.getInputProps('password')}
              />
              <NumberInput
                label="Download limit"
                description={
                  folder
                    ? 'Optional: each file and each zip counts as one download.'
                    : 'Optional: the link stops working after this many downloads.'
                }
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
