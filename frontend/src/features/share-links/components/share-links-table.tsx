import { Badge, Button, EmptyState, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { ShareLink } from '@/client/types.gen';
import { ConfirmModal } from '@/components/confirm-modal';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';
import { formatCountOf } from '@/lib/units';

import { useRevokeShareLink, useShareLinks } from '../api/share-links';

const STATES: Record<string, { label: string; color: string }> = {
  active: { label: 'Active', color: 'green' },
  expired: { label: 'Expired', color: 'gray' },
  'used-up': { label: 'Used up', color: 'gray' },
  revoked: { label: 'Revoked', color: 'red' },
};

/** The account's share links with their downloads and last use; an active one can be revoked at once. */
export function ShareLinksTable({ accountId }: { accountId: string }) {
  const links = useShareLinks(accountId);
  const revoke = useRevokeShareLink(accountId);
  const [revoking, setRevoking] = useState<ShareLink | null>(null);
  if (links.isPending) return <PageLoader />;
  if (links.isError) return <QueryError error={links.error} onRetry={() => void links.refetch()} />;
  if (links.data.items.length === 0) {
    return <EmptyState title="No share links" description="Share a file from its details in a bucket, or a folder from the bucket's object list." />;
  }
  const close = () => {
    setRevoking(null);
    revoke.reset();
  };

  return (
    <>
      <ListTable label="Share links" minWidth={760} withActions striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Object</Table.Th>
            <Table.Th>Shared by</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>Downloads</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links.data.items.map((link) => {
            const state = STATES[link.state] ?? { label: link.state, color: 'gray' };
            return (
              <Table.Tr key={link.id}>
                <Table.Td style={{ wordBreak: 'break-all' }}>
                  <Text size="sm">{link.key}</Text>
                  <Text size="xs" c="dimmed">
                    {link.bucket}
                    {link.kind === 'folder' ? ` · folder of ${formatCountOf(link.objects, 'file')}` : ''}
                    {link.password_protected ? ' · password' : ''}
                  </Text>
                </Table.Td>
                <Table.Td>{link.created_by}</Table.Td>
                <Table.Td>
                  <Badge color={state.color} variant="light">
                    {state.label}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDateTime(link.expires_at)}</Table.Td>
                <Table.Td>{link.download_limit ? `${link.downloads} of ${link.download_limit}` : link.downloads}</Table.Td>
                <Table.Td>{link.last_used_at ? formatDateTime(link.last_used_at) : 'Never'}</Table.Td>
                <Table.Td>
                  {link.state === 'active' && (
                    <Button size="xs" variant="light" color="red" onClick={() => setRevoking(link)} aria-label={`Revoke the link to ${link.key}`}>
                      Revoke
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </ListTable>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke this link?"
        confirmLabel="Revoke link"
        color="red"
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              close();
              notifications.show({ color: 'green', message: 'The link is revoked; it stopped working at once.' });
            },
          })
        }
        onClose={close}
      >
        <Text size="sm">
          Whoever holds the link to {revoking?.key} can no longer download it. The file itself stays.
        </Text>
      </ConfirmModal>
    </>
  );
}
