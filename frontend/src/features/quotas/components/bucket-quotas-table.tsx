import { Badge, Box, Button, EmptyState, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useId } from 'react';

import type { BucketQuota } from '@/client/types.gen';
import { ListTable } from '@/components/list-table';
import { formatDateTime } from '@/lib/dates';
import { formatBytes, formatPercent } from '@/lib/units';

import { QuotaBar } from './quota-bar';

const NOT_MEASURED = '—';

type BucketQuotasTableProps = {
  buckets: readonly BucketQuota[];
  /** Offer "Set quota of …" on each row; undefined: not for this user. */
  onSet?: (bucket: string) => void;
};

/** Each measured bucket with what it uses of its quota, and whether the storage system refuses its writes. */
export function BucketQuotasTable({ buckets, onSet }: BucketQuotasTableProps) {
  const titleId = useId();
  const actionsId = useId();

  return (
    <Stack gap="xs">
      <Title order={3} size="h4" id={titleId}>
        Bucket quotas
      </Title>
      {buckets.length === 0 ? (
        <EmptyState
          title="No buckets measured yet"
          description="The account's buckets appear here once their usage has been measured."
        />
      ) : (
        <ListTable label="Quota per bucket" minWidth={640} withActions={onSet !== undefined} striped withTableBorder aria-labelledby={titleId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bucket</Table.Th>
              <Table.Th ta="end">Used</Table.Th>
              <Table.Th ta="end">Quota</Table.Th>
              <Table.Th>Use</Table.Th>
              <Table.Th>Status</Table.Th>
              {onSet && (
                <Table.Th id={actionsId}>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {buckets.map((bucket) => (
              <Table.Tr key={bucket.name}>
                <Table.Td>{bucket.name}</Table.Td>
                <Table.Td ta="end">{bucket.bytes_used === null ? NOT_MEASURED : formatBytes(bucket.bytes_used)}</Table.Td>
                <Table.Td ta="end">{bucket.quota_bytes === null ? 'None' : formatBytes(bucket.quota_bytes)}</Table.Td>
                <Table.Td w={180}>
                  {bucket.quota_bytes === null ? (
                    NOT_MEASURED
                  ) : (
                    <Group gap="xs" wrap="nowrap">
                      <Box flex={1}>
                        <QuotaBar label={`Quota of ${bucket.name}`} percent={bucket.used_percent} level={bucket.level} size="sm" />
                      </Box>
                      {bucket.used_percent !== null && (
                        <Text size="xs" aria-hidden>
                          {formatPercent(bucket.used_percent / 100)}
                        </Text>
                      )}
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>
                  {bucket.writes_blocked ? (
                    <Badge
                      color="red"
                      variant="light"
                      title={
                        bucket.writes_blocked_since ? `Since ${formatDateTime(bucket.writes_blocked_since)}` : undefined
                      }
                    >
                      Writes refused
                    </Badge>
                  ) : (
                    <Badge color="green" variant="light">
                      Writable
                    </Badge>
                  )}
                </Table.Td>
                {onSet && (
                  // Named by its column: named by its content, the cell would repeat the bucket's name.
                  <Table.Td aria-labelledby={actionsId} ta="end">
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Set quota of ${bucket.name}`}
                      onClick={() => onSet(bucket.name)}
                    >
                      Set quota
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
    </Stack>
  );
}
