import { Badge, Button, EmptyState, Group, Stack, Table, UnstyledButton } from '@mantine/core';
import { Fragment, useState } from 'react';

import type { OutboxMail } from '@/client/types.gen';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';

import { MailText } from './mail-text';
import { useOutbox } from '../api/list-outbox';

const COLUMNS = 7;

const STATES: Record<OutboxMail['status'], { label: string; color: string }> = {
  queued: { label: 'Queued', color: 'blue' },
  sent: { label: 'Sent', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
};

function When({ value }: { value: string | null }) {
  return value ? <time dateTime={value}>{formatDateTime(value)}</time> : '—';
}

/** The mails Coffer queued, newest first; a click on a mail shows its text below it. */
export function OutboxTable() {
  const outbox = useOutbox();
  const [openId, setOpenId] = useState<string | null>(null);

  if (outbox.isPending) return <PageLoader label="Loading the outbox…" />;
  if (outbox.isError) return <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} />;

  const toggle = (id: string) => setOpenId((current) => (current === id ? null : id));
  const refresh = (
    <Group>
      <Button variant="light" loading={outbox.isFetching} onClick={() => void outbox.refetch()}>
        Refresh
      </Button>
    </Group>
  );
  if (outbox.data.items.length === 0) {
    return (
      <Stack align="flex-start">
        {refresh}
        <EmptyState title="No mails yet" description="Mails Coffer sends will be listed here." />
      </Stack>
    );
  }

  return (
    <Stack align="stretch">
      {refresh}
      <ListTable label="Mails" minWidth={900} withTableBorder highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>To</Table.Th>
            <Table.Th>Subject</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Attempts</Table.Th>
            <Table.Th>Queued</Table.Th>
            <Table.Th>Sent</Table.Th>
            <Table.Th>Last error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {outbox.data.items.map((mail) => {
            const open = openId === mail.id;
            const { label, color } = STATES[mail.status];
            return (
              <Fragment key={mail.id}>
                <Table.Tr onClick={() => toggle(mail.id)} style={{ cursor: 'pointer' }}>
                  <Table.Td>{mail.to.join(', ')}</Table.Td>
                  <Table.Td>
                    <UnstyledButton
                      fz="sm"
                      fw={open ? 700 : undefined}
                      aria-expanded={open}
                      aria-controls={`mail-${mail.id}`}
                      onClick={(event) => {
                        event.stopPropagation();
                        toggle(mail.id);
                      }}
                    >
                      {mail.subject}
                    </UnstyledButton>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={color} variant="light">
                      {label}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{mail.attempts}</Table.Td>
                  <Table.Td>
                    <When value={mail.created_at} />
                  </Table.Td>
                  <Table.Td>
                    <When value={mail.sent_at} />
                  </Table.Td>
                  <Table.Td>{mail.last_error ?? ''}</Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={`mail-${mail.id}`}>
                    <Table.Td colSpan={COLUMNS}>
                      <MailText text={mail.text} />
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </ListTable>
    </Stack>
  );
}
