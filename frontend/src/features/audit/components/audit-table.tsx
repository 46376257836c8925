import { Badge, EmptyState, Stack, Table, Text } from '@mantine/core';

import type { AuditEvent } from '@/client/types.gen';
import { CursorPagination } from '@/components/cursor-pagination';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { useCursorPages } from '@/lib/cursor-pages';
import { formatPreciseDateTime } from '@/lib/dates';

import { useAuditEvents, type AuditQuery } from '../api/list-audit-events';

function ResultBadge({ result }: { result: AuditEvent['result'] }) {
  return (
    <Badge color={result === 'success' ? 'green' : 'red'} variant="light">
      {result}
    </Badge>
  );
}

/** A person or account by the name people know, with the id the event recorded on hover. */
function Named({ name, id }: { name: string | null | undefined; id: string }) {
  if (!name) return id;
  return (
    <Text span size="sm" title={id}>
      {name}
    </Text>
  );
}

/** One page of audit events matching the query, newest first; a new query starts at the first page. */
export function AuditTable({ query }: { query: AuditQuery }) {
  const pages = useCursorPages(JSON.stringify(query));
  const events = useAuditEvents({ ...query, cursor: pages.cursor });

  if (events.isPending) return <PageLoader label="Loading audit events…" />;
  if (events.isError) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  const { items, next_cursor } = events.data;
  if (items.length === 0 && !pages.hasPrevious) {
    return <EmptyState title="No audit events" description="No event matches these filters." />;
  }

  return (
    <Stack align="stretch">
      <ListTable label="Audit events" minWidth={1000} striped withTableBorder aria-busy={events.isPlaceholderData}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Time</Table.Th>
            <Table.Th>Actor</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Target</Table.Th>
            <Table.Th>Account</Table.Th>
            <Table.Th>IP</Table.Th>
            <Table.Th>Result</Table.Th>
            <Table.Th>Detail</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((event) => (
            <Table.Tr key={event.id}>
              <Table.Td>
                <time dateTime={event.at}>{formatPreciseDateTime(event.at)}</time>
              </Table.Td>
              <Table.Td>{event.actor}</Table.Td>
              <Table.Td>{event.action}</Table.Td>
              <Table.Td>
                <Named name={event.target_name} id={event.target} />
              </Table.Td>
              <Table.Td>
                <Named name={event.account_name} id={event.account_id} />
              </Table.Td>
              <Table.Td>{event.ip}</Table.Td>
              <Table.Td>
                <ResultBadge result={event.result} />
              </Table.Td>
              <Table.Td>{event.detail}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <CursorPagination pages={pages} nextCursor={next_cursor} />
    </Stack>
  );
}
