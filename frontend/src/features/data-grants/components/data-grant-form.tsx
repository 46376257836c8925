import { Alert, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { ConsoleUser, DataGrantView } from '@/client/types.gen';
import { FormError } from '@/components/form-error';
import { ListTable } from '@/components/list-table';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { DATA_LEVELS, isDataLevel, levelLabel, rank, type DataLevel } from '@/lib/data-levels';

import { useChangeDataGrant, useDataGrant } from '../api/data-grant';

const SAME = 'same';

/** The data access of one member in a dialog; `user` null keeps it closed. */
export function DataGrantModal({
  accountId,
  user,
  bucketNames,
  onClose,
}: {
  accountId: string;
  user: ConsoleUser | null;
  bucketNames: string[] | undefined;
  onClose: () => void;
}) {
  return (
    <Modal opened={user !== null} onClose={onClose} title={`Data access of ${user?.username ?? ''}`} size="lg" centered>
      {user && (
        <DataGrantForm
          key={user.id}
          accountId={accountId}
          user={user}
          bucketNames={bucketNames}
          onSaved={() => {
            onClose();
            notifications.show({ color: 'green', message: `The data access of ${user.username} is saved.` });
          }}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

/**
 * What one member may do with the account's data: one level for every bucket (those made later too) and,
 * above it, a level for single buckets. The storage system enforces it: their keys at once, their console
 * session at its next request.
 */
function DataGrantForm({
  accountId,
  user,
  bucketNames,
  onSaved,
  onCancel,
}: {
  accountId: string;
  user: ConsoleUser;
  /** The account's buckets (undefined while they load). */
  bucketNames: string[] | undefined;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const grant = useDataGrant(accountId, user.id);
  if (grant.isPending || bucketNames === undefined) return <PageLoader />;
  if (grant.isError) return <QueryError error={grant.error} onRetry={() => void grant.refetch()} />;
  if (!grant.data.applies) {
    return (
      <Stack>
        <Text size="sm">
          {user.display_name} is an account administrator and reaches all of the account&apos;s data. Make them a
          member first to limit what they may do.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onCancel}>Close</Button>
        </Group>
      </Stack>
    );
  }
  return (
    <GrantEditor
      key={grant.data.revision}
      accountId={accountId}
      user={user}
      grant={grant.data}
      bucketNames={bucketNames}
      onSaved={onSaved}
      onCancel={onCancel}
    />
  );
}

function GrantEditor({
  accountId,
  user,
  grant,
  bucketNames,
  onSaved,
  onCancel,
}: {
  accountId: string;
  user: ConsoleUser;
  grant: DataGrantView;
  bucketNames: string[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const change = useChangeDataGrant(accountId, user.id);
  const [account, setAccount] = useState<DataLevel>(grant.account);
  const [raised, setRaised] = useState<Record<string, DataLevel>>(
    Object.fromEntries(grant.buckets.map((entry) => [entry.bucket, entry.level])),
  );
  const above = (level: DataLevel) => DATA_LEVELS.filter((candidate) => rank(candidate) > rank(level));

  const save = () =>
    change.mutate(
      {
        account,
        revision: grant.revision,
        buckets: Object.entries(raised)
          .filter(([, level]) => rank(level) > rank(account))
          .map(([bucket, level]) => ({ bucket, level })),
      },
      { onSuccess: onSaved },
    );

  return (
    <Stack>
      <FormError error={change.error} />
      <Select
        label="Every bucket of the account"
        description="Also buckets made later."
        data={DATA_LEVELS.map((level) => ({ value: level, label: levelLabel(level) }))}
        value={account}
        allowDeselect={false}
        onChange={(value) => isDataLevel(value) && setAccount(value)}
      />
      {bucketNames.length > 0 && (
        <ListTable label="Access per bucket" minWidth={420}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bucket</Table.Th>
              <Table.Th>Access</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {bucketNames.map((bucket) => {
              const own = raised[bucket];
              const value = own && rank(own) > rank(account) ? own : SAME;
              return (
                <Table.Tr key={bucket}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>{bucket}</Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`Access to ${bucket}`}
                      data={[
                        { value: SAME, label: `As every bucket (${levelLabel(account).toLowerCase()})` },
                        ...above(account).map((level) => ({ value: level, label: levelLabel(level) })),
                      ]}
                      value={value}
                      allowDeselect={false}
                      onChange={(next) =>
                        setRaised((current) => {
                          const rest = Object.fromEntries(Object.entries(current).filter(([name]) => name !== bucket));
                          return isDataLevel(next) ? { ...rest, [bucket]: next } : rest;
                        })
                      }
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </ListTable>
      )}
      <Alert color="gray" variant="light">
        Takes effect for {user.display_name}&apos;s access keys at once and for their console session at its next
        request. Temporary credentials they already took for their own tools keep the old access until they expire,
        within the hour.
      </Alert>
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button onClick={save} loading={change.isPending}>
          Save data access
        </Button>
      </Group>
    </Stack>
  );
}
