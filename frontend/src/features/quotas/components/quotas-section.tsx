import { Button, Group, Stack, Title } from '@mantine/core';
import { useId, useState } from 'react';

import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';

import { AccountQuotaModal } from './account-quota-modal';
import { AccountQuotaSummary } from './account-quota-summary';
import { BucketQuotaModal } from './bucket-quota-modal';
import { BucketQuotasTable } from './bucket-quotas-table';
import { useAccountQuota } from '../api/get-account-quota';

type QuotasSectionProps = {
  accountId: string;
  /** Offer "Set account quota" (platform administrators); the server decides again. */
  canSetAccountQuota: boolean;
  /** Offer "Set quota of …" on each bucket (platform administrators and the account's own). */
  canSetBucketQuotas: boolean;
};

type BucketDialog = { bucket: string | null; opened: boolean };

/**
 * The account's quota and each bucket's, as the last measurement found them, with whether the storage
 * system refuses writes; for those who may, the dialogs that change them.
 */
export function QuotasSection({ accountId, canSetAccountQuota, canSetBucketQuotas }: QuotasSectionProps) {
  const titleId = useId();
  const quota = useAccountQuota(accountId);
  const [accountDialog, setAccountDialog] = useState(false);
  // The bucket stays while its dialog closes, so the dialog does not go blank as it fades out.
  const [bucketDialog, setBucketDialog] = useState<BucketDialog>({ bucket: null, opened: false });

  let body;
  if (quota.isPending) body = <PageLoader label="Loading the quotas…" />;
  else if (quota.isError) body = <QueryError error={quota.error} onRetry={() => void quota.refetch()} />;
  else {
    body = (
      <>
        <AccountQuotaSummary quota={quota.data} />
        <BucketQuotasTable
          buckets={quota.data.buckets}
          onSet={canSetBucketQuotas ? (bucket) => setBucketDialog({ bucket, opened: true }) : undefined}
        />
        {canSetAccountQuota && (
          <AccountQuotaModal
            accountId={accountId}
            quota={quota.data}
            opened={accountDialog}
            onClose={() => setAccountDialog(false)}
          />
        )}
        {canSetBucketQuotas && (
          <BucketQuotaModal
            accountId={accountId}
            bucket={quota.data.buckets.find(({ name }) => name === bucketDialog.bucket)}
            opened={bucketDialog.opened}
            onClose={() => setBucketDialog((current) => ({ ...current, opened: false }))}
          />
        )}
      </>
    );
  }

  return (
    <Stack component="section" aria-labelledby={titleId} gap="sm">
      <Group justify="space-between">
        <Title order={2} size="h3" id={titleId}>
          Quotas
        </Title>
        {canSetAccountQuota && (
          <Button variant="light" disabled={!quota.isSuccess} onClick={() => setAccountDialog(true)}>
            Set account quota
          </Button>
        )}
      </Group>
      {body}
    </Stack>
  );
}
