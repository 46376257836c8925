import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import type { SharedObject } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { ApiError, errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes } from '@/lib/units';

import { useDownloadShared } from '../api/share-links';

/** One shared file: its name and size, a password field when the link has one, and Download. */
export function SharedFile({ token, shared }: { token: string; shared: SharedObject }) {
  const download = useDownloadShared(token);
  const [password, setPassword] = useState('');
  const wrongPassword = download.error instanceof ApiError && download.error.kind === 'wrong-share-password';
  return (
    <Card withBorder padding="xl" maw={520} mx="auto">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          download.mutate({ password: shared.password_required ? password : null });
        }}
      >
        <Stack>
          <Title order={1} size="h2" style={{ wordBreak: 'break-all' }}>
            {shared.name}
          </Title>
          <Text c="dimmed" size="sm">
            {formatBytes(shared.size)} · shared with you until {formatDateTime(shared.expires_at)}
            {shared.downloads_left !== null ? ` · ${shared.downloads_left} downloads left` : ''}
          </Text>
          {!wrongPassword && <FormError error={download.error} />}
          {shared.password_required && (
            <PasswordInput
              label="Password"
              description="Whoever shared the file told you the password."
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
              error={wrongPassword ? errorMessage(download.error) : undefined}
              autoComplete="off"
              required
            />
          )}
          <Button type="submit" loading={download.isPending}>
            Download
          </Button>
          {download.isSuccess && (
            <Alert color="green" variant="light">
              Your download has started.
            </Alert>
          )}
        </Stack>
      </form>
    </Card>
  );
}
