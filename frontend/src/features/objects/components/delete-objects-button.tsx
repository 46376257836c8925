import { Alert, Button, List, Modal, Stack, Text, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { DeletionResult } from '@/client/types.gen';
import { FormError } from '@/components/form-error';

import { useDeleteObjects } from '../api/delete-objects';

export type Versioning = 'off' | 'enabled' | 'suspended' | null; // null: not known to this person

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 objects", "1 folder", "3 objects and 1 folder": what the button and the confirmation name. */
export function chosenText(keys: number, prefixes: number): string {
  const parts = [keys ? plural(keys, 'object', 'objects') : '', prefixes ? plural(prefixes, 'folder', 'folders') : ''];
  return parts.filter(Boolean).join(' and ');
}

function versioningNote(versioning: Versioning): string {
  if (versioning === 'enabled' || versioning === 'suspended')
    return 'Versioning is on in this bucket: each deleted object gets a delete marker, and its versions stay restorable from its details.';
  if (versioning === 'off') return 'Versioning is off in this bucket: deleted objects cannot be restored.';
  return 'If versioning is on in this bucket, each deleted object gets a delete marker and its versions stay; otherwise deleting cannot be undone.';
}

/**
 * Deletes the chosen objects and everything under the chosen folders, after a confirmation naming how
 * many; the storage system's refusals are listed with their reasons.
 */
export function DeleteObjectsButton({
  accountId,
  bucket,
  keys,
  prefixes,
  versioning,
  onDeleted,
}: {
  accountId: string;
  bucket: string;
  keys: string[];
  prefixes: string[];
  versioning: Versioning;
  onDeleted: () => void;
}) {
  const [opened, setOpened] = useState(false);
  const [report, setReport] = useState<DeletionResult | null>(null);
  const remove = useDeleteObjects(accountId, bucket);
  const chosen = chosenText(keys.length, prefixes.length);
  if (!chosen && !opened) return null;

  const close = () => {
    setOpened(false);
    setReport(null);
    remove.reset();
  };
  const confirm = () =>
    remove.mutate(
      { keys, prefixes },
      {
        onSuccess: (result) => {
          onDeleted();
          const done = `Deleted ${plural(result.deleted, 'object', 'objects')}${result.delete_markers ? ` (${result.delete_markers} kept behind delete markers)` : ''}.`;
          if (result.failed.length === 0) {
            close();
            notifications.show({ color: 'green', message: done });
          } else {
            setReport(result);
          }
        },
      },
    );

  return (
    <>
      <Button color="red" variant="light" onClick={() => setOpened(true)}>
        Delete {chosen}
      </Button>
      <Modal opened={opened} onClose={close} title={report ? 'Some objects were not deleted' : `Delete ${chosen}?`} centered>
        {report ? (
          <Stack>
            <Text>
              Deleted {plural(report.deleted, 'object', 'objects')}; {plural(report.failed.length, 'object was', 'objects were')}{' '}
              refused:
            </Text>
            <Alert color="red">
              <List size="sm">
                {report.failed.map((failure) => (
                  <List.Item key={failure.key}>
                    <Text span ff="monospace" size="sm">
                      {failure.key}
                    </Text>
                    : {failure.code} {failure.message}
                  </List.Item>
                ))}
              </List>
            </Alert>
            <Group justify="flex-end">
              <Button onClick={close}>Close</Button>
            </Group>
          </Stack>
        ) : (
          <Stack>
            <FormError error={remove.error} />
            <Text>
              {chosen ? `You are deleting ${chosen}` : 'You are deleting the chosen objects'}
              {prefixes.length ? ', with everything inside the folders' : ''}.
            </Text>
            <Text size="sm">{versioningNote(versioning)}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                Cancel
              </Button>
              <Button color="red" loading={remove.isPending} onClick={confirm}>
                Delete {chosen}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
