import { Badge, Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';

import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { errorMessage } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';

import { useEndOwnSession, useOwnSessions } from '../api/own-sessions';

/** Where the person is signed in; any session but this one can be ended here. */
export function OwnSessionsTable() {
  const sessions = useOwnSessions();
  const end = useEndOwnSession();
  if (sessions.isPending) return <PageLoader label="Loading your sessions…" />;
  if (sessions.isError) return <QueryError error={sessions.error} onRetry={() => void sessions.refetch()} />;

  return (
    <ListTable label="Sessions" withActions withTableBorder striped maw={960}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Device</Table.Th>
          <Table.Th>IP</Table.Th>
          <Table.Th>Started</Table.Th>
          <Table.Th>Last seen</Table.Th>
          <Table.Th>
            <VisuallyHidden>Actions</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sessions.data.items.map((session) => (
          <Table.Tr key={session.sid}>
            <Table.Td>
              <Text span size="sm" title={session.device || undefined}>
                {session.device_name || 'Unknown device'}
              </Text>
            </Table.Td>
            <Table.Td>{session.ip}</Table.Td>
            <Table.Td>{formatDateTime(session.started_at)}</Table.Td>
            <Table.Td>{formatDateTime(session.last_seen_at)}</Table.Td>
            <Table.Td>
              {session.current ? (
                <Badge variant="light">This session</Badge>
              ) : (
                <Button
                  size="xs"
                  variant="light"
                  color="red"
                  loading={end.isPending && end.variables === session.sid}
                  aria-label={`End the session on ${session.device_name || 'an unknown device'}`}
                  onClick={() =>
                    end.mutate(session.sid, {
                      onSuccess: () => notifications.show({ color: 'green', message: 'That session has ended.' }),
                      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
                    })
                  }
                >
                  End session
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ListTable>
  );
}
