import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import { ApiError, errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes } from '@/lib/units';

import { useDownloadShared, useSharedObject } from '../api/share-links';

/**
 * What someone holding a share link sees, without a session: the file's name and size, a password field
 * when the link has one, and Download. A link that no longer works says so in words (410), never as a
 * storage error.
 */
export function SharedDownload({ token }: { token: string }) {
  const shared = useSharedObject(token);
  const download = useDownloadShared(token);
  const [password, setPassword] = useState('');

  if (shared.isPending) return <PageLoader label="Opening the link…" />;
  if (shared.isError) {
    const gone = shared.error instanceof ApiError && [404, 410].includes(shared.error.status);
    return (
      <Card withBorder padding="xl" maw={520} mx="auto">
        <Stack>
          <Title order={1} size="h2">
            {gone ? 'This link no longer works' : 'The link could not be opened'}
          </Title>
          <Text>{errorMessage(shared.error)}</Text>
        </Stack>
      </Card>
    );
  }
  const wrongPassword = download.error instanceof ApiError && download.error.kind === 'wrong-share-password';
  return (
    <Card withBorder padding="xl" maw={520} mx="auto">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          download.mutate(shared.data.password_required ? password : null);
        }}
      >
        <Stack>
          <Title order={1} size="h2" style={{ wordBreak: 'break-all' }}>
            {shared.data.name}
          </Title>
          <Text c="dimmed" size="sm">
            {formatBytes(shared.data.size)} · shared with you until {formatDateTime(shared.data.expires_at)}
            {shared.data.downloads_left !== null ? ` · ${shared.data.downloads_left} downloads left` : ''}
          </Text>
          {!wrongPassword && <FormError error={download.error} />}
          {shared.data.password_required && (
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
