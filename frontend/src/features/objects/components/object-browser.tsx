import { Anchor, Breadcrumbs, Button, Checkbox, EmptyState, Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { useMemo, useState } from 'react';

import type { Folder, ObjectSummary } from '@/client/types.gen';
import { DebouncedTextInput } from '@/components/debounced-text-input';
import { FormError } from '@/components/form-error';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { SortHeader } from '@/components/sort-header';
import { ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes, formatCountOf } from '@/lib/units';

import { useObjects } from '../api/list-objects';
import type { BucketAccess } from '../bucket-access';
import { crumbsOf, type ObjectSort } from '../folders';
import { DeleteObjectsButton, type Versioning } from './delete-objects-button';
import { DownloadZipButton } from './download-zip-button';
import { ObjectDetailsDrawer } from './object-details-drawer';
import { ShareObjectButton } from './share-object-button';
import { UploadPanel } from './upload-panel';

type Props = {
  accountId: string;
  bucket: string;
  prefix: string;
  filter: string;
  onOpenFolder: (prefix: string) => void;
  onFilter: (filter: string) => void;
  access: BucketAccess;
  /** The bucket's versioning where the person may know it (null otherwise), for the delete confirmation. */
  versioning: Versioning;
};

function compare(sort: ObjectSort, a: ObjectSummary, b: ObjectSummary): number {
  const field = sort.replace('-', '');
  const order = sort.startsWith('-') ? -1 : 1;
  if (field === 'size') return order * (a.size - b.size || a.key.localeCompare(b.key));
  if (field === 'modified') return order * ((a.last_modified ?? '').localeCompare(b.last_modified ?? '') || a.key.localeCompare(b.key));
  return order * a.key.localeCompare(b.key);
}

/** Why a bucket cannot be shown, in words: missing, or not the person's to see. */
function BrowseError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const status = error instanceof ApiError ? error.status : 0;
  return (
    <Stack align="flex-start">
      <FormError error={error} />
      {status !== 403 && status !== 404 && (
        <Button variant="light" onClick={onRetry}>
          Try again
        </Button>
      )}
    </Stack>
  );
}

/**
 * One folder of a bucket: breadcrumbs back up, folders first, then objects with size and date.
 * Sorting orders the rows loaded so far; the storage system lists by name, page by page.
 */
export function ObjectBrowser({ accountId, bucket, prefix, filter, onOpenFolder, onFilter, access, versioning }: Props) {
  const objects = useObjects(accountId, bucket, prefix + filter);
  const [sort, setSort] = useState<ObjectSort>('name');
  const [opened, setOpened] = useState<string | null>(null);
  // Chosen keys and folder prefixes (a folder's ends in "/"), for deleting them together.
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (name: string) =>
    setChosen((now) => {
      const next = new Set(now);
      if (!next.delete(name)) next.add(name);
      return next;
    });

  const folders: Folder[] = useMemo(() => objects.data?.pages.flatMap((page) => page.folders) ?? [], [objects.data]);
  const files: ObjectSummary[] = useMemo(() => {
    const all = objects.data?.pages.flatMap((page) => page.objects) ?? [];
    return [...all].sort((a, b) => compare(sort, a, b));
  }, [objects.data, sort]);
  const sortedFolders = useMemo(() => {
    const shown = [...folders].sort((a, b) => a.prefix.localeCompare(b.prefix));
    return sort === '-name' ? shown.reverse() : shown;
  }, [folders, sort]);
  const nameOf = (key: string) => key.slice(prefix.length);

  const crumbs = crumbsOf(prefix);
  const nextPageError: unknown = objects.isFetchNextPageError ? objects.error : null;
  const shownNames = [...folders.map((folder) => folder.prefix), ...files.map((entry) => entry.key)];
  const allChosen = shownNames.length > 0 && shownNames.every((name) => chosen.has(name));
  const chooseBox = (name: string, label: string) =>
    access.read && (
      <Table.Td w={40}>
        <Checkbox aria-label={`Choose ${label}`} checked={chosen.has(name)} onChange={() => toggle(name)} />
      </Table.Td>
    );
  return (
    <Stack>
      <Breadcrumbs aria-label="Folder">
        {[{ label: bucket, prefix: '' }, ...crumbs].map((crumb, index, all) =>
          index === all.length - 1 ? (
            <Text key={crumb.prefix} fw={600} aria-current="page">
              {crumb.label}
            </Text>
          ) : (
            <Anchor key={crumb.prefix} component="button" type="button" onClick={() => onOpenFolder(crumb.prefix)}>
              {crumb.label}
            </Anchor>
          ),
        )}
      </Breadcrumbs>
      {access.write && <UploadPanel accountId={accountId} bucket={bucket} prefix={prefix} />}
      <DebouncedTextInput
        label="Filter by name"
        description="Shows the folders and objects here whose names begin with this."
        placeholder="Name begins with…"
        maw={360}
        value={filter}
        onCommit={onFilter}
      />
      {access.read && (
        <Group>
          <DownloadZipButton
            accountId={accountId}
            bucket={bucket}
            folder={prefix}
            keys={[...chosen].filter((name) => !name.endsWith('/'))}
            prefixes={[...chosen].filter((name) => name.endsWith('/'))}
          />
          {prefix && <ShareObjectButton accountId={accountId} bucket={bucket} objectKey={prefix} />}
          {access.delete && (
            <DeleteObjectsButton
              accountId={accountId}
              bucket={bucket}
              keys={[...chosen].filter((name) => !name.endsWith('/'))}
              prefixes={[...chosen].filter((name) => name.endsWith('/'))}
              versioning={versioning}
              onDeleted={() => setChosen(new Set())}
            />
          )}
        </Group>
      )}
      {objects.isPending ? (
        <PageLoader label="Loading objects…" />
      ) : !objects.data ? (
        <BrowseError error={objects.error} onRetry={() => void objects.refetch()} />
      ) : folders.length === 0 && files.length === 0 ? (
        <EmptyState
          title={filter ? 'Nothing matches' : prefix ? 'This folder is empty' : 'This bucket is empty'}
          description={filter ? `No folder or object here begins with “${filter}”.` : 'Objects put here will be listed.'}
        />
      ) : (
        <>
          <ListTable label="Objects" striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {access.read && (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label="Choose everything shown"
                      checked={allChosen}
                      indeterminate={!allChosen && chosen.size > 0}
                      onChange={() => setChosen(allChosen ? new Set() : new Set(shownNames))}
                    />
                  </Table.Th>
                )}
                <SortHeader label="Name" field="name" sort={sort} onSort={setSort} />
                <SortHeader label="Size" field="size" sort={sort} onSort={setSort} />
                <SortHeader label="Last modified" field="modified" sort={sort} newestFirst onSort={setSort} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sortedFolders.map((folder) => (
                <Table.Tr key={folder.prefix}>
                  {chooseBox(folder.prefix, `folder ${nameOf(folder.prefix)}`)}
                  <Table.Td>
                    <Anchor component="button" type="button" onClick={() => onOpenFolder(folder.prefix)}>
                      {nameOf(folder.prefix)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td c="dimmed">Folder</Table.Td>
                  <Table.Td />
                </Table.Tr>
              ))}
              {files.map((entry) => (
                <Table.Tr key={entry.key}>
                  {chooseBox(entry.key, nameOf(entry.key))}
                  <Table.Td>
                    <UnstyledButton
                      c="blue"
                      style={{ wordBreak: 'break-all' }}
                      onClick={() => setOpened(entry.key)}
                      aria-label={`Details of ${nameOf(entry.key)}`}
                    >
                      {nameOf(entry.key)}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>{formatBytes(entry.size)}</Table.Td>
                  <Table.Td>
                    {entry.last_modified ? (
                      <time dateTime={entry.last_modified}>{formatDateTime(entry.last_modified)}</time>
                    ) : (
                      'Unknown'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ListTable>
          <Group>
            <Text size="sm" c="dimmed">
              {formatCountOf(folders.length, 'folder')}, {formatCountOf(files.length, 'object')} shown
              {objects.hasNextPage ? ' (more in this folder)' : ''}
            </Text>
            {objects.hasNextPage && (
              <Button variant="light" onClick={() => void objects.fetchNextPage()} loading={objects.isFetchingNextPage}>
                Load more
              </Button>
            )}
          </Group>
          {nextPageError && <FormError error={nextPageError} />}
        </>
      )}
      <ObjectDetailsDrawer
        accountId={accountId}
        bucket={bucket}
        objectKey={opened}
        canRestore={access.write}
        onClose={() => setOpened(null)}
      />
    </Stack>
  );
}
