import { Anchor, Button, EmptyState, Stack, Table, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';

import { FormError } from '@/components/form-error';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { formatDateTime } from '@/lib/dates';

import { BucketActions } from './bucket-actions';
import { useAccountBuckets } from '../api/list-account-buckets';

/** The account's buckets by name and creation date; with `canManage`, each can be deleted (with all its data
 * too, the deletion's progress shown in its row); with `bucketHref`, each name opens its objects. */
export function BucketsTable({
  accountId,
  canManage = false,
  bucketHref,
}: {
  accountId: string;
  canManage?: boolean;
  bucketHref?: (bucket: string) => string;
}) {
  const buckets = useAccountBuckets(accountId);

  if (buckets.isPending) return <PageLoader label="Loading buckets…" />;
  if (buckets.isError) {
    return (
      <Stack align="flex-start">
        <FormError error={buckets.error} />
        <Button variant="light" onClick={() => void buckets.refetch()}>
          Try again
        </Button>
      </Stack>
    );
  }
  if (buckets.data.items.length === 0) {
    return <EmptyState title="No buckets yet" description="Buckets created in this account will be listed here." />;
  }

  return (
    <ListTable label="Buckets" withActions={canManage} striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Created</Table.Th>
          {canManage && (
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          )}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {buckets.data.items.map((bucket) => (
          <Table.Tr key={bucket.name}>
            <Table.Td>
              {bucketHref ? (
                <Anchor component={Link} to={bucketHref(bucket.name)}>
                  {bucket.name}
                </Anchor>
              ) : (
                bucket.name
              )}
            </Table.Td>
            <Table.Td>
              {bucket.created_at ? (
                <time dateTime={bucket.created_at}>{formatDateTime(bucket.created_at)}</time>
              ) : (
                'Unknown'
              )}
            </Table.Td>
            {canManage && (
              <Table.Td>
                <BucketActions accountId={accountId} bucket={bucket.name} createdAt={bucket.created_at ?? null} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
