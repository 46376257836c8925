import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

import type { Me } from '@/client/types.gen';
import { roleLabel } from '@/lib/authorization';
import { formatDateTime } from '@/lib/dates';

function When({ value, testId }: { value: string; testId: string }) {
  return (
    <time dateTime={value} data-testid={testId}>
      {formatDateTime(value)}
    </time>
  );
}

/** Who is signed in, in which role, and until when. */
export function ProfileSummary({ me }: { me: Me }) {
  const rows: [string, ReactNode][] = [
    ['Name', me.display_name],
    ['Username', me.username],
    ['Email', me.email],
    ['Role', roleLabel(me.role)],
    ['Account', me.account_id ?? 'None (platform user)'],
    ['Signed in at', <When value={me.session.signed_in_at} testId="session-signed-in-at" />],
    ['Session ends at', <When value={me.session.expires_at} testId="session-expires-at" />],
    ['Session ends at the latest', <When value={me.session.absolute_expires_at} testId="session-absolute-expires-at" />],
  ];
  return (
    <Table variant="vertical" withTableBorder maw={640}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={220}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
