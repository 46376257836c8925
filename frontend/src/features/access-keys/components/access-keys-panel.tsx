import { Button, Code, EmptyState, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useId, useState } from 'react';

import type { AccessKey, StepUpRequest } from '@/client/types.gen';
import { ConfirmModal } from '@/components/confirm-modal';
import { FormError } from '@/components/form-error';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import type { ApiError } from '@/lib/api-error';
import { formatDateTime } from '@/lib/dates';
import type { StepUpFactor } from '@/lib/step-up';

import { AccessKeyStatusBadge } from './access-key-status-badge';
import { CreateAccessKeyModal } from './create-access-key-modal';
import { NewAccessKeyModal } from './new-access-key-modal';
import { S3EndpointFacts } from './s3-endpoint-facts';
import { useActivateAccessKey } from '../api/activate-access-key';
import { useCreateAccessKey } from '../api/create-access-key';
import { useDeactivateAccessKey } from '../api/deactivate-access-key';
import { useDeleteAccessKey } from '../api/delete-access-key';
import { useAccessKeys } from '../api/list-access-keys';

type AccessKeysPanelProps = {
  accountId: string;
  userId: string;
  /** Offer "Create access key"; the server decides again. */
  canCreate: boolean;
  /** The signed-in person's factor (`stepUpFactor(me)`), asked before any key is made, theirs or not. */
  stepUp: StepUpFactor;
};

function Created({ value }: { value: AccessKey['created_at'] }) {
  return value ? <time dateTime={value}>{formatDateTime(value)}</time> : 'Not reported by the storage system';
}

/**
 * A person's access keys: create (after the signed-in person confirms it is them; the secret is
 * shown once, in a modal), deactivate, activate and delete. A refusal is shown above the list, or in
 * the modal it came from, and nothing typed or shown is lost by it.
 */
export function AccessKeysPanel({ accountId, userId, canCreate, stepUp }: AccessKeysPanelProps) {
  const owner = { accountId, userId };
  const keys = useAccessKeys(owner);
  const create = useCreateAccessKey();
  const deactivate = useDeactivateAccessKey();
  const activate = useActivateAccessKey();
  const remove = useDeleteAccessKey();
  const [deleting, setDeleting] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const limitHintId = useId();

  // Only the last action's refusal is shown. The create mutation is reset only when it failed:
  // when it succeeded its result is the secret on screen.
  const clearErrors = () => {
    if (create.isError) create.reset();
    if (deactivate.isError) deactivate.reset();
    if (activate.isError) activate.reset();
  };

  const openCreate = () => {
    clearErrors();
    setConfirming(true);
  };
  const closeCreate = () => {
    setConfirming(false);
    if (create.isError) create.reset();
  };
  // Success closes the step-up modal; the new key's modal opens with the mutation's result.
  const createKey = (confirmation: StepUpRequest, refused: (error: ApiError) => void) =>
    create.mutate({ ...owner, stepUp: confirmation }, { onSuccess: () => setConfirming(false), onError: refused });
  const setActive = (accessKeyId: string, active: boolean) => {
    clearErrors();
    const mutation = active ? activate : deactivate;
    mutation.mutate(
      { ...owner, accessKeyId },
      {
        onSuccess: () =>
          notifications.show({
            color: 'green',
            message: `Access key ${accessKeyId} is ${active ? 'active' : 'inactive'}.`,
          }),
      },
    );
  };
  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirmDelete = () => {
    if (deleting === null) return;
    const accessKeyId = deleting;
    remove.mutate(
      { ...owner, accessKeyId },
      {
        onSuccess: () => {
          closeDelete();
          notifications.show({ color: 'green', message: `Access key ${accessKeyId} is deleted.` });
        },
      },
    );
  };
  const busy = (mutation: typeof deactivate, accessKeyId: string) =>
    mutation.isPending && mutation.variables?.accessKeyId === accessKeyId;

  const list = keys.data;
  const full = list !== undefined && list.items.length >= list.limit;

  return (
    <Stack align="stretch" w="100%">
      {canCreate && (
        <Group gap="sm">
          <Button
            onClick={openCreate}
            disabled={list === undefined || full}
            aria-describedby={full ? limitHintId : undefined}
          >
            Create access key
          </Button>
          {full && (
            <Text id={limitHintId} size="sm" c="dimmed">
              {`At most ${list.limit} keys`}
            </Text>
          )}
        </Group>
      )}
      {list && <S3EndpointFacts s3={list.s3} />}
      <FormError error={deactivate.error ?? activate.error} />
      {keys.isError && <QueryError error={keys.error} onRetry={() => void keys.refetch()} />}
      {keys.isPending && <PageLoader label="Loading access keys…" />}
      {list && list.items.length === 0 && (
        <EmptyState
          title="No access keys yet"
          description="An access key lets S3 tools such as the AWS CLI reach the account's buckets."
        />
      )}
      {list && list.items.length > 0 && (
        <ListTable label="Access keys" minWidth={640} withActions striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Access key id</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.items.map((key) => (
              <Table.Tr key={key.access_key_id}>
                <Table.Td>
                  <Code>{key.access_key_id}</Code>
                </Table.Td>
                <Table.Td>
                  <AccessKeyStatusBadge active={key.active} />
                </Table.Td>
                <Table.Td>
                  <Created value={key.created_at} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {key.active ? (
                      <Button
                        size="xs"
                        variant="default"
                        loading={busy(deactivate, key.access_key_id)}
                        onClick={() => setActive(key.access_key_id, false)}
                      >
                        Deactivate
                      </Button>
                    ) : (
                      <Button
                        size="xs"
                        variant="default"
                        loading={busy(activate, key.access_key_id)}
                        onClick={() => setActive(key.access_key_id, true)}
                      >
                        Activate
                      </Button>
                    )}
                    <Button size="xs" color="red" variant="light" onClick={() => setDeleting(key.access_key_id)}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ListTable>
      )}

      <ConfirmModal
        opened={deleting !== null}
        title="Delete this access key?"
        confirmLabel="Delete key"
        color="red"
        loading={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onClose={closeDelete}
      >
        <Text size="sm">
          <Code>{deleting}</Code> stops working at once and cannot be restored. Tools that still use it will be
          refused.
        </Text>
      </ConfirmModal>
      <CreateAccessKeyModal
        opened={confirming}
        factor={stepUp}
        creating={create.isPending}
        error={create.error}
        onCreate={createKey}
        onClose={closeCreate}
      />
      <NewAccessKeyModal created={create.data} onClose={() => create.reset()} />
    </Stack>
  );
}
