import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { ConfirmModal } from '@/components/confirm-modal';
import { FormError } from '@/components/form-error';
import { setServerFieldErrors } from '@/lib/form-errors';

import { useDeletePolicy } from '../api/delete-policy';
import type { BucketRef } from '../api/get-bucket-settings';
import { useSetPolicy } from '../api/set-policy';

function pretty(policy: string | null): string {
  if (!policy) return '';
  try {
    return JSON.stringify(JSON.parse(policy), null, 2);
  } catch {
    return policy;
  }
}

function example(bucket: string): string {
  const statement = { Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] };
  return JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2);
}

/** The bucket policy as JSON; every Resource in it must be this bucket or its objects (the API checks). */
export function PolicySetting({ bucketRef, policy }: { bucketRef: BucketRef; policy: string | null }) {
  const save = useSetPolicy(bucketRef);
  const remove = useDeletePolicy(bucketRef);
  const [confirming, setConfirming] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { document: pretty(policy) },
    validate: { document: (value: string) => (value.trim() ? null : 'Write the policy, or delete it.') },
  });

  const submit = form.onSubmit((values) =>
    save.mutate(
      { document: values.document },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'Bucket policy saved.' }),
        onError: (error) => setServerFieldErrors(form, error),
      },
    ),
  );
  const fieldRefused = (save.error?.problem.errors ?? []).length > 0;

  return (
    <form onSubmit={submit} noValidate aria-label="Bucket policy">
      <Stack gap="xs">
        {!fieldRefused && <FormError error={save.error} />}
        <Text size="sm">{policy ? 'A policy is in force.' : 'No policy: only the account’s own people reach the bucket.'}</Text>
        <Textarea
          label="Policy document (JSON)"
          description={`Each Resource is arn:aws:s3:::${bucketRef.bucket} or arn:aws:s3:::${bucketRef.bucket}/… (its objects).`}
          placeholder={example(bucketRef.bucket)}
          autosize
          minRows={6}
          maxRows={24}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          spellCheck={false}
          {...form.getInputProps('document')}
        />
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save policy
          </Button>
          {policy && (
            <Button variant="light" color="red" onClick={() => setConfirming(true)}>
              Delete policy
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Delete the bucket policy?"
        confirmLabel="Delete policy"
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              form.setValues({ document: '' });
              notifications.show({ color: 'green', message: 'Bucket policy deleted.' });
            },
          })
        }
        onClose={() => {
          setConfirming(false);
          remove.reset();
        }}
      >
        <Text>Whatever the policy allowed (or denied) stops at once.</Text>
      </ConfirmModal>
    </form>
  );
}
