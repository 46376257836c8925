import { Button, Text } from '@mantine/core';

import { FormError } from '@/components/form-error';
import { formatBytes, formatCountOf } from '@/lib/units';

import { useDownloadArchive } from '../api/prepare-archive';

/** The chosen objects and folders as one zip, or the whole folder shown when nothing is chosen. */
export function DownloadZipButton({
  accountId,
  bucket,
  folder,
  keys,
  prefixes,
}: {
  accountId: string;
  bucket: string;
  folder: string;
  keys: string[];
  prefixes: string[];
}) {
  const download = useDownloadArchive(accountId, bucket);
  const chosen = keys.length + prefixes.length;
  const label = chosen > 0 ? `Download ${chosen} as zip` : folder ? 'Download folder as zip' : 'Download bucket as zip';
  return (
    <>
      <Button
        variant="default"
        loading={download.isPending}
        onClick={() =>
          download.mutate(chosen > 0 ? { folder, keys, prefixes } : { folder, keys: [], prefixes: [folder] })
        }
      >
        {label}
      </Button>
      {download.data && (
        <Text size="sm" c="dimmed" role="status">
          {`Zipping ${formatCountOf(download.data.objects, 'object')} (${formatBytes(download.data.bytes)}); your download has started.`}
        </Text>
      )}
      <FormError error={download.error} />
    </>
  );
}
