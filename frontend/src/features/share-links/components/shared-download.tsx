import { Card, Stack, Text, Title } from '@mantine/core';

import { PageLoader } from '@/components/page-loader';
import { ApiError, errorMessage } from '@/lib/api-error';

import { SharedFile } from './shared-file';
import { SharedFolder } from './shared-folder';
import { useSharedObject } from '../api/share-links';

/**
 * What someone holding a share link sees, without a session: one file to download, or a folder's files.
 * A link that no longer works says so in words (410), never as a storage error.
 */
export function SharedDownload({ token }: { token: string }) {
  const shared = useSharedObject(token);

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
  return shared.data.kind === 'folder' ? (
    <SharedFolder token={token} shared={shared.data} />
  ) : (
    <SharedFile token={token} shared={shared.data} />
  );
}
