import { Button, Checkbox, Code, CopyButton, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';

const FILE_NAME = 'coffer-recovery-codes.txt';

function download(text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = FILE_NAME;
  link.click();
  URL.revokeObjectURL(url);
}

/** The one-time recovery codes, shown once: the user must say they saved them before going on. */
export function RecoveryCodes({ codes, onContinue }: { codes: string[]; onContinue: () => void }) {
  const [saved, setSaved] = useState(false);
  const text = `${codes.join('\n')}\n`;

  return (
    <Stack>
      <Text size="sm">
        These recovery codes let you sign in if you lose your authenticator app. Each works once. Store them somewhere
        safe now: they will not be shown again.
      </Text>
      <List data-testid="recovery-codes" listStyleType="none" spacing={4}>
        {codes.map((code) => (
          <List.Item key={code}>
            <Code>{code}</Code>
          </List.Item>
        ))}
      </List>
      <Group gap="xs">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="light" onClick={() => download(text)}>
          Download codes
        </Button>
      </Group>
      <Checkbox
        label="I have saved my recovery codes"
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Button disabled={!saved} onClick={onContinue}>
        Continue
      </Button>
    </Stack>
  );
}
