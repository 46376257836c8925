import { Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';

import type { CreatedAccessKey } from '@/client/types.gen';

import { S3EndpointFacts } from './s3-endpoint-facts';

type KeyPair = Pick<CreatedAccessKey, 'access_key_id' | 'secret_access_key'>;
type NewKey = KeyPair & Pick<CreatedAccessKey, 's3'>;

/** The key as the AWS console's own download lays it out, so tools that import that file read this one. */
export function accessKeyCsv({ access_key_id, secret_access_key }: KeyPair): string {
  return `Access key ID,Secret access key\n${access_key_id},${secret_access_key}\n`;
}

function downloadCsv(key: KeyPair): void {
  const url = URL.createObjectURL(new Blob([accessKeyCsv(key)], { type: 'text/csv' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${key.access_key_id}.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

const codeStyle = { whiteSpace: 'pre-wrap', wordBreak: 'break-all' } as const;

function NewAccessKey({ created, onClose }: { created: NewKey; onClose: () => void }) {
  return (
    <Stack>
      <Text size="sm">Use this key with S3 tools such as the AWS CLI or an SDK.</Text>
      <S3EndpointFacts s3={created.s3} />
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Access key ID
        </Text>
        <Code block data-testid="new-access-key-id" style={codeStyle}>
          {created.access_key_id}
        </Code>
      </Stack>
      <Stack gap={4}>
        <Text size="sm" fw={500}>
          Secret access key
        </Text>
        <Code block data-testid="new-secret-access-key" style={codeStyle}>
          {created.secret_access_key}
        </Code>
      </Stack>
      <Group gap="xs">
        <CopyButton value={created.secret_access_key}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={() => downloadCsv(created)}>
          Download .csv
        </Button>
      </Group>
      <Text size="sm" fw={600} c="orange.8">
        This is the only time the secret is shown. Store it now.
      </Text>
      <Group justify="flex-end">
        <Button onClick={onClose}>I have stored the secret</Button>
      </Group>
    </Stack>
  );
}

/**
 * Shows a new key's secret once. The secret comes from the create mutation's result and is passed
 * in only while this is open; closing clears that result, so nothing keeps it. Only the button
 * closes the modal: a stray click outside or Escape must not throw the secret away.
 */
export function NewAccessKeyModal({ created, onClose }: { created: NewKey | undefined; onClose: () => void }) {
  return (
    <Modal
      opened={created !== undefined}
      onClose={onClose}
      title="Your new access key"
      centered
      size="lg"
      closeOnClickOutside={false}
      closeOnEscape={false}
      withCloseButton={false}
    >
      {created && <NewAccessKey created={created} onClose={onClose} />}
    </Modal>
  );
}
