import { Badge, Button, Code, Drawer, Group, Stack, Text, Title } from '@mantine/core';

import { FactsTable } from '@/components/facts-table';
import { FormError } from '@/components/form-error';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes } from '@/lib/units';

import { ObjectVersions } from './object-versions';
import { ShareObjectButton } from './share-object-button';
import { useDownload } from '../api/create-download-link';
import { useObjectDetail } from '../api/get-object';

function Pairs({ values, empty }: { values: Record<string, string>; empty: string }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return <Text c="dimmed" size="sm">{empty}</Text>;
  return (
    <FactsTable
      facts={entries.map(([name, value]) => [name, <Code key={name}>{value}</Code>] as const)}
      maw={560}
    />
  );
}

/** One object's facts, user metadata and tags, with its download, and its versions where versioning kept some. */
export function ObjectDetailsDrawer({
  accountId,
  bucket,
  objectKey,
  canRestore,
  onClose,
}: {
  accountId: string;
  bucket: string;
  objectKey: string | null;
  canRestore: boolean;
  onClose: () => void;
}) {
  const detail = useObjectDetail(accountId, bucket, objectKey);
  const download = useDownload(accountId, bucket);

  return (
    <Drawer opened={objectKey !== null} onClose={onClose} position="right" size="lg" title="Object details">
      {objectKey !== null && detail.isPending && <PageLoader label="Loading object…" />}
      {detail.isError && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
      {detail.data && (
        <Stack>
          <Title order={2} size="h4" style={{ wordBreak: 'break-all' }}>
            {detail.data.key}
          </Title>
          <Group>
            <Button onClick={() => download.mutate(detail.data.key)} loading={download.isPending}>
              Download
            </Button>
            <ShareObjectButton accountId={accountId} bucket={bucket} objectKey={detail.data.key} />
          </Group>
          <FormError error={download.error} />
          <FactsTable
            maw={560}
            facts={[
              ['Size', `${formatBytes(detail.data.size)} (${detail.data.size} bytes)`],
              ['Content type', detail.data.content_type ?? 'Unknown'],
              ['Last modified', detail.data.last_modified ? formatDateTime(detail.data.last_modified) : 'Unknown'],
              ['ETag', <Code key="etag">{detail.data.etag}</Code>],
            ]}
          />
          <Title order={3} size="h5">
            Metadata
          </Title>
          <Pairs values={detail.data.metadata} empty="No user metadata." />
          <Group gap="xs">
            <Title order={3} size="h5">
              Tags
            </Title>
            <Badge variant="light">{Object.keys(detail.data.tags).length}</Badge>
          </Group>
          <Pairs values={detail.data.tags} empty="No tags." />
          <ObjectVersions accountId={accountId} bucket={bucket} objectKey={detail.data.key} canRestore={canRestore} />
        </Stack>
      )}
    </Drawer>
  );
}
