import { Alert, Button, Card, Group, PasswordInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';

import type { SharedObject } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { ApiError, errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes, formatCount, formatCountOf } from '@/lib/units';

import { useDownloadShared, useDownloadSharedArchive, useSharedFolder } from '../api/share-links';

/**
 * A shared folder: after its password (when it has one), its files as they are now, each with Download,
 * and all of them as one zip. Each file and each zip counts as one download of the link.
 */
export function SharedFolder({ token, shared }: { token: string; shared: SharedObject }) {
  const [typed, setTyped] = useState('');
  const [password, setPassword] = useState<string | null>(shared.password_required ? null : '');
  const unlocked = password !== null;
  const contents = useSharedFolder(token, password || null, unlocked);
  const download = useDownloadShared(token);
  const archive = useDownloadSharedArchive(token);
  const wrongPassword = contents.error instanceof ApiError && contents.error.kind === 'wrong-share-password';
  const given = password || null;

  return (
    <Card withBorder padding="xl" maw={760} mx="auto">
      <Stack>
        <Title order={1} size="h2" style={{ wordBreak: 'break-all' }}>
          {shared.name}
        </Title>
        <Text c="dimmed" size="sm">
          Folder of {formatCountOf(shared.objects, 'file')} ({formatBytes(shared.size)}) · shared with you until{' '}
          {formatDateTime(shared.expires_at)}
          {shared.downloads_left !== null ? ` · ${shared.downloads_left} downloads left` : ''}
        </Text>
        {(!unlocked || wrongPassword) && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              setPassword(typed);
            }}
          >
            <Stack>
              <PasswordInput
                label="Password"
                description="Whoever shared the folder told you the password."
                value={typed}
                onChange={(event) => setTyped(event.currentTarget.value)}
                error={wrongPassword ? errorMessage(contents.error) : undefined}
                autoComplete="off"
                required
              />
              <Button type="submit" loading={contents.isFetching}>
                Open folder
              </Button>
            </Stack>
          </form>
        )}
        {unlocked && contents.isPending && contents.isFetching && <PageLoader label="Listing the files…" />}
        {!wrongPassword && <FormError error={contents.error} />}
        {contents.data && (
          <>
            <Group>
              <Button loading={archive.isPending} onClick={() => archive.mutate(given)}>
                Download all as zip
              </Button>
              {archive.data && (
                <Text size="sm" c="dimmed" role="status">
                  {`Zipping ${formatCountOf(archive.data.objects, 'file')} (${formatBytes(archive.data.bytes)}); your download has started.`}
                </Text>
              )}
            </Group>
            <FormError error={archive.error ?? download.error} />
            {download.isSuccess && (
              <Alert color="green" variant="light">
                Your download has started.
              </Alert>
            )}
            <ListTable label="Files" minWidth={480} withActions striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Size</Table.Th>
                  <Table.Th>Last modified</Table.Th>
                  <Table.Th>Download</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contents.data.files.map((file) => (
                  <Table.Tr key={file.name}>
                    <Table.Td style={{ wordBreak: 'break-all' }}>{file.name}</Table.Td>
                    <Table.Td>{formatBytes(file.size)}</Table.Td>
                    <Table.Td>{file.last_modified ? formatDateTime(file.last_modified) : ''}</Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Download ${file.name}`}
                        loading={download.isPending && download.variables?.name === file.name}
                        onClick={() => download.mutate({ password: given, name: file.name })}
                      >
                        Download
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ListTable>
            {contents.data.truncated && (
              <Text size="sm" c="dimmed">
                Only the first {formatCount(contents.data.files.length)} files are listed; the zip holds up to 10,000.
              </Text>
            )}
          </>
        )}
      </Stack>
    </Card>
  );
}
