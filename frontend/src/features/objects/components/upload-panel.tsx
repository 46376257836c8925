import { ActionIcon, Button, Card, Group, Overlay, Progress, Stack, Text, Tooltip } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

import { formatBytes, formatCountOf } from '@/lib/units';

import { NewFolderButton } from './new-folder-button';
import { droppedFiles, type PickedFile, pickedFiles } from '../uploads/dropped-files';
import type { FileProgress } from '../uploads/upload-session';
import { useUploadSession } from '../uploads/use-upload-session';

type Props = { accountId: string; bucket: string; prefix: string };

function percent(sent: number, size: number): number {
  return size > 0 ? Math.floor((sent / size) * 100) : sent >= size ? 100 : 0;
}

function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

function pace(bytesPerSecond: number | null, secondsLeft: number | null): string {
  if (bytesPerSecond === null) return '';
  return `${formatBytes(bytesPerSecond)}/s${secondsLeft !== null ? `, ${duration(secondsLeft)} left` : ''}`;
}

const STATUS: Record<FileProgress['status'], string> = {
  waiting: 'Waiting',
  uploading: 'Uploading',
  done: 'Uploaded',
  failed: 'Failed',
};

function FileRow({ file, onCancel, onRetry }: { file: FileProgress; onCancel: () => void; onRetry: () => void }) {
  const value = percent(file.sent, file.size);
  return (
    <Stack gap={4} role="listitem" aria-label={file.key}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" style={{ wordBreak: 'break-all' }}>
          {file.key}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Text size="xs" c={file.status === 'failed' ? 'red' : 'dimmed'}>
            {STATUS[file.status]} · {formatBytes(file.sent)} of {formatBytes(file.size)}
            {file.status === 'uploading' && file.bytesPerSecond !== null ? ` · ${pace(file.bytesPerSecond, file.secondsLeft)}` : ''}
          </Text>
          {file.status === 'failed' && (
            <Button size="compact-xs" variant="light" onClick={onRetry} aria-label={`Retry ${file.key}`}>
              Retry
            </Button>
          )}
          {file.status !== 'done' && (
            <Button size="compact-xs" variant="subtle" color="red" onClick={onCancel} aria-label={`Cancel ${file.key}`}>
              Cancel
            </Button>
          )}
        </Group>
      </Group>
      <Progress
        value={value}
        color={file.status === 'failed' ? 'red' : file.status === 'done' ? 'green' : 'blue'}
        size="sm"
        aria-label={`Upload of ${file.key}`}
      />
      {file.error && (
        <Text size="xs" c="red">
          {file.error}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Uploads into the folder shown: buttons for files and for a whole folder, dropping files or folders
 * anywhere on the page, and a panel with each file's progress and the total, speed and time left,
 * Cancel (the upload is aborted on the server) and Retry (from the parts already sent).
 */
export function UploadPanel({ accountId, bucket, prefix }: Props) {
  const { session, snapshot } = useUploadSession(accountId, bucket);
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    folderInput.current?.setAttribute('webkitdirectory', '');
  }, []);

  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
    const over = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!hasFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      setDragging(false);
      void droppedFiles(event.dataTransfer).then((found) => session.add(prefix, found));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [session, prefix]);

  const add = (picked: PickedFile[], input: HTMLInputElement | null) => {
    session.add(prefix, picked);
    if (input) input.value = ''; // the same file may be picked again
  };
  const { files } = snapshot;
  const overall = percent(snapshot.sent, snapshot.size);
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Button variant="light" onClick={() => filesInput.current?.click()}>
          Upload files
        </Button>
        <Button variant="light" onClick={() => folderInput.current?.click()}>
          Upload folder
        </Button>
        <NewFolderButton accountId={accountId} bucket={bucket} prefix={prefix} />
        <Text size="xs" c="dimmed">
          or drop files and folders here
        </Text>
        <input
          ref={filesInput}
          type="file"
          multiple
          hidden
          aria-label="Files to upload"
          onChange={(event) => add(pickedFiles(event.currentTarget.files), event.currentTarget)}
        />
        <input
          ref={folderInput}
          type="file"
          multiple
          hidden
          aria-label="Folder to upload"
          onChange={(event) => add(pickedFiles(event.currentTarget.files), event.currentTarget)}
        />
      </Group>
      {dragging && (
        <Overlay fixed center backgroundOpacity={0.35} blur={1} zIndex={300}>
          <Card shadow="md" padding="xl">
            <Text fw={600}>Drop to upload into {prefix ? prefix : `the top of ${bucket}`}</Text>
          </Card>
        </Overlay>
      )}
      {files.length > 0 && (
        <Card withBorder padding="sm" aria-label="Uploads">
          <Stack gap="sm">
            <Group justify="space-between">
              <Text size="sm" fw={600}>
                {snapshot.active ? 'Uploading' : 'Uploads'}: {files.filter((file) => file.status === 'done').length} of{' '}
                {formatCountOf(files.length, 'file')}, {formatBytes(snapshot.sent)} of {formatBytes(snapshot.size)}
                {snapshot.active && snapshot.bytesPerSecond !== null ? ` · ${pace(snapshot.bytesPerSecond, snapshot.secondsLeft)}` : ''}
              </Text>
              <Group gap="xs">
                {snapshot.active && (
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => session.cancelAll()}>
                    Cancel all
                  </Button>
                )}
                {files.some((file) => file.status === 'done') && (
                  <Tooltip label="Clear finished uploads from this list">
                    <ActionIcon variant="subtle" aria-label="Clear finished" onClick={() => session.clearFinished()}>
                      ×
                    </ActionIcon>
                  </Tooltip>
                )}
              </Group>
            </Group>
            <Progress value={overall} size="md" aria-label="All uploads" />
            <Stack gap="xs" role="list" mah={320} style={{ overflowY: 'auto' }}>
              {files.map((file) => (
                <FileRow
                  key={file.id}
                  file={file}
                  onCancel={() => session.cancel(file.id)}
                  onRetry={() => session.retry(file.id)}
                />
              ))}
            </Stack>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
