import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';

import { ConfirmModal } from '@/components/confirm-modal';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';

import { useRotateSigningKey, useSigningKeys } from '../api/signing-keys';

/** The token signing keys in force and their rotation (the same as `coffer keys rotate`). */
export function SigningKeysSection() {
  const keys = useSigningKeys();
  const rotate = useRotateSigningKey();
  const [opened, { open, close }] = useDisclosure();

  const confirm = () => rotate.mutate(undefined, { onSuccess: close });
  const closeModal = () => {
    rotate.reset();
    close();
  };

  return (
    <Stack gap="xs" maw={760}>
      <Group justify="space-between">
        <Title order={2} size="h3">
          Signing keys
        </Title>
        <Button variant="light" onClick={open}>
          Rotate signing key
        </Button>
      </Group>
      <Text c="dimmed" size="sm">
        Session tokens are signed with the current key. A replaced key still verifies the tokens it signed until
        they have expired, so nobody is signed out by a rotation.
      </Text>
      {keys.isPending ? (
        <PageLoader label="Loading the signing keys…" />
      ) : keys.isError ? (
        <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
      ) : (
        <ListTable label="Signing key list" aria-label="Signing keys">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Key id</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.data.keys.map((key) => (
              <Table.Tr key={key.kid}>
                <Table.Td ff="monospace">{key.kid}</Table.Td>
                <Table.Td>{formatDateTime(key.created_at)}</Table.Td>
                <Table.Td>
                  {key.current ? (
                    <Badge color="green">Signing</Badge>
                  ) : (
                    <Text size="sm">
                      Verifies until {key.retires_at ? formatDateTime(key.retires_at) : 'its tokens expire'}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}
      <ConfirmModal
        opened={opened}
        title="Rotate the signing key?"
        confirmLabel="Rotate"
        loading={rotate.isPending}
        error={rotate.error}
        onConfirm={confirm}
        onClose={closeModal}
      >
        <Text size="sm">
          Every instance signs new tokens with a new key at once. Nobody is signed out; do this when a key may have
          leaked, or on your regular schedule.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
