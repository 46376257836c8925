import { Badge, Button, Code, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import type { ObjectVersionEntry } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes } from '@/lib/units';

import { useVersionDownload } from '../api/create-version-download-link';
import { useObjectVersions } from '../api/list-object-versions';
import { useRestoreVersion } from '../api/restore-object-version';

/** A versioned object has ids other than "null" or more than one entry; a plain one has a single "null". */
function isVersioned(versions: ObjectVersionEntry[]): boolean {
  return versions.length > 1 || versions.some((version) => version.version_id !== 'null');
}

/**
 * The versions of one object, newest first: each can be downloaded, and an older one restored (copied
 * over the key, so it becomes the latest and the others stay). Shown only where versioning kept versions.
 */
export function ObjectVersions({
  accountId,
  bucket,
  objectKey,
  canRestore,
}: {
  accountId: string;
  bucket: string;
  objectKey: string;
  canRestore: boolean;
}) {
  const versions = useObjectVersions(accountId, bucket, objectKey);
  const download = useVersionDownload(accountId, bucket);
  const restore = useRestoreVersion(accountId, bucket);

  if (versions.isPending) return <PageLoader label="Loading versions…" />;
  if (!versions.data) return <QueryError error={versions.error} onRetry={() => void versions.refetch()} />;
  if (!isVersioned(versions.data.versions)) return null;
  const rows = versions.data.versions;
  return (
    <Stack gap="xs" aria-label="Versions" component="section">
      <Group gap="xs">
        <Title order={3} size="h5">
          Versions
        </Title>
        <Badge variant="light">{rows.length}</Badge>
      </Group>
      <FormError error={download.error ?? restore.error} />
      <ListTable label="Version list" minWidth={520} withActions withTableBorder striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Size</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((version) => (
            <Table.Tr key={version.version_id} data-version={version.version_id}>
              <Table.Td>
                <Stack gap={2}>
                  <Code style={{ wordBreak: 'break-all' }}>{version.version_id}</Code>
                  <Group gap={4}>
                    {version.latest && <Badge size="xs">Latest</Badge>}
                    {version.delete_marker && (
                      <Badge size="xs" color="gray">
                        Delete marker
                      </Badge>
                    )}
                  </Group>
                </Stack>
              </Table.Td>
              <Table.Td>{version.delete_marker ? '—' : formatBytes(version.size)}</Table.Td>
              <Table.Td>
                {version.last_modified ? <time dateTime={version.last_modified}>{formatDateTime(version.last_modified)}</time> : 'Unknown'}
              </Table.Td>
              <Table.Td>
                {!version.delete_marker && (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="light"
                      aria-label={`Download version ${version.version_id}`}
                      loading={download.isPending && download.variables.version_id === version.version_id}
                      onClick={() => download.mutate({ key: objectKey, version_id: version.version_id })}
                    >
                      Download
                    </Button>
                    {canRestore && !version.latest && (
                      <Button
                        size="compact-xs"
                        variant="light"
                        color="orange"
                        aria-label={`Restore version ${version.version_id}`}
                        loading={restore.isPending && restore.variables.version_id === version.version_id}
                        onClick={() =>
                          restore.mutate(
                            { key: objectKey, version_id: version.version_id },
                            { onSuccess: () => notifications.show({ color: 'green', message: 'Version restored: it is the latest again.' }) },
                          )
                        }
                      >
                        Restore
                      </Button>
                    )}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <Text size="xs" c="dimmed">
        Restoring copies that version over the object: it becomes the latest, and every version stays.
      </Text>
    </Stack>
  );
}
