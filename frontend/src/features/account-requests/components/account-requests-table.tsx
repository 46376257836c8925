import { Anchor, Button, EmptyState, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import type { AccountRequest } from '@/client/types.gen';
import { CursorPagination } from '@/components/cursor-pagination';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { paths } from '@/config/paths';
import { useCursorPages } from '@/lib/cursor-pages';
import { formatDateTime } from '@/lib/dates';

import { useAccountRequests } from '../api/list-account-requests';
import type { RequestStatus } from '../request-status';
import { DecisionModal, type Decision } from './decision-modal';
import { RequestStatusBadge } from './request-status-badge';

function When({ value }: { value: string }) {
  return <time dateTime={value}>{formatDateTime(value)}</time>;
}

/** Who decided, when, and why (a denial's reason) or into which account (an approval). */
function DecisionCell({ request }: { request: AccountRequest }) {
  if (!request.decided_by) return null;
  return (
    <Stack gap={2}>
      <Text size="sm">{request.decided_by}</Text>
      {request.decided_at && (
        <Text size="xs" c="dimmed">
          <When value={request.decided_at} />
        </Text>
      )}
      {request.reason && <Text size="sm">{request.reason}</Text>}
      {request.account_id && (
        <Anchor component={Link} to={paths.account.getHref(request.account_id)} size="sm">
          {request.account_id}
        </Anchor>
      )}
    </Stack>
  );
}

/** The queue of account requests with the given status; staff who may decide approve or deny pending ones. */
export function AccountRequestsTable({ status, canDecide }: { status: RequestStatus | null; canDecide: boolean }) {
  const pages = useCursorPages(status ?? 'all');
  const requests = useAccountRequests({ status, cursor: pages.cursor });
  const [decision, setDecision] = useState<Decision | null>(null);

  if (requests.isPending) return <PageLoader label="Loading account requests…" />;
  if (requests.isError) return <QueryError error={requests.error} onRetry={() => void requests.refetch()} />;
  const { items, next_cursor } = requests.data;
  if (items.length === 0 && !pages.hasPrevious) {
    return <EmptyState title="No account requests" description="Requests with this status will be listed here." />;
  }

  return (
    <Stack align="stretch">
      <ListTable label="Account requests" minWidth={1100} withActions={canDecide} striped withTableBorder verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Organisation</Table.Th>
            <Table.Th>Desired name</Table.Th>
            <Table.Th>Contact</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Capacity</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>Submitted</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Decided by / reason</Table.Th>
            {canDecide && <Table.Th>Decision</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((request) => (
            <Table.Tr key={request.id}>
              <Table.Td>{request.organisation}</Table.Td>
              <Table.Td>{request.account_name}</Table.Td>
              <Table.Td>{request.contact_name}</Table.Td>
              <Table.Td>{request.contact_email}</Table.Td>
              <Table.Td>{request.expected_capacity_gib} GiB</Table.Td>
              <Table.Td maw={280} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {request.message}
              </Table.Td>
              <Table.Td>
                <When value={request.created_at} />
              </Table.Td>
              <Table.Td>
                <RequestStatusBadge status={request.status} />
              </Table.Td>
              <Table.Td>
                <DecisionCell request={request} />
              </Table.Td>
              {canDecide && (
                <Table.Td>
                  {request.status === 'pending' && (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" onClick={() => setDecision({ kind: 'approve', request })}>
                        Approve
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="light"
                        onClick={() => setDecision({ kind: 'deny', request })}
                      >
                        Deny
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ListTable>
      <CursorPagination pages={pages} nextCursor={next_cursor} />
      <DecisionModal decision={decision} onClose={() => setDecision(null)} />
    </Stack>
  );
}
