import { Alert, Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';

import type { AccountQuota } from '@/client/types.gen';
import { PageLoader } from '@/components/page-loader';
import { QueryError } from '@/components/query-error';
import { formatDateTime } from '@/lib/dates';
import { formatBytes } from '@/lib/units';

import { QuotaModal, type QuotaTarget } from './quota-modal';
import { useAccountQuota } from '../api/get-account-quota';

/** Yellow from the warning threshold, red from the critical one. */
function colourOf(percent: number): string {
  if (percent >= 90) return 'red';
  return percent >= 80 ? 'yellow' : 'blue';
}

function QuotaBar({ label, used, quota, percent }: { label: string; used: number | null; quota: number; percent: number | null }) {
  const shown = percent ?? 0;
  return (
    <Stack gap={4}>
      <Progress aria-label={label} value={Math.min(100, shown)} color={colourOf(shown)} size="lg" />
      <Text size="sm">
        {`${used === null ? 'Not measured yet' : formatBytes(used)} of ${formatBytes(quota)}`}
        {percent !== null && ` (${percent} %)`}
      </Text>
    </Stack>
  );
}

type QuotasSectionProps = {
  accountId: string;
  canSetAccountQuota: boolean;
  canSetBucketQuotas: boolean;
};

/**
 * The account's quota and each bucket's: how much is used, whether writes are refused, and (for those
 * who may) the forms to change them. Usage is that of the last sample, which the enforcement follows.
 */
export function QuotasSection({ accountId, canSetAccountQuota, canSetBucketQuotas }: QuotasSectionProps) {
  const quota = useAccountQuota(accountId);
  const [target, setTarget] = useState<QuotaTarget | null>(null);
  const headingId = useId();

  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <Title order={2} size="h3" id={headingId}>
        Quotas
      </Title>
      {quota.isPending && <PageLoader label="Loading quotas…" />}
      {quota.isError && <QueryError error={quota.error} onRetry={() => void quota.refetch()} />}
      {quota.data && (
        <QuotaDetails
          quota={quota.data}
          canSetAccountQuota={canSetAccountQuota}
          canSetBucketQuotas={canSetBucketQuotas}
          onSet={setTarget}
        />
      )}
      <QuotaModal accountId={accountId} target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}

type QuotaDetailsProps = {
  quota: AccountQuota;
  canSetAccountQuota: boolean;
  canSetBucketQuotas: boolean;
  onSet: (target: QuotaTarget) => void;
};

function QuotaDetails({ quota, canSetAccountQuota, canSetBucketQuotas, onSet }: QuotaDetailsProps) {
  const over = quota.buckets.some((bucket) => bucket.writes_blocked) && (quota.used_percent ?? 0) >= 100;
  return (
    <>
      {quota.quota_bytes === null ? (
        <Text size="sm">No quota</Text>
      ) : (
        <QuotaBar label="Account quota" used={quota.bytes_used} quota={quota.quota_bytes} percent={quota.used_percent} />
      )}
      {quota.quota_objects !== null && (
        <Text size="sm">{`Object limit: ${quota.objects ?? 0} of ${quota.quota_objects}`}</Text>
      )}
      {over && (
        <Alert color="red" title="Over quota">
          Over quota: writes to this account&apos;s buckets are refused. Reads and deletes still work. Delete data
          or ask for a larger quota.
        </Alert>
      )}
      <Text size="xs" c="dimmed">
        {quota.sampled_at ? `Measured ${formatDateTime(quota.sampled_at)}. ` : 'Not measured yet. '}
        Quotas are checked at each measurement and whenever a quota changes.
      </Text>
      {canSetAccountQuota && (
        <Group>
          <Button
            variant="light"
            onClick={() =>
              onSet({ bucket: null, quotaBytes: quota.quota_bytes, quotaObjects: quota.quota_objects })
            }
          >
            Set account quota
          </Button>
        </Group>
      )}
      <Table.ScrollContainer minWidth={640}>
        <Table striped withTableBorder>
          <Table.Caption>Bucket quotas</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bucket</Table.Th>
              <Table.Th>Used</Table.Th>
              <Table.Th>Quota</Table.Th>
              <Table.Th>Use</Table.Th>
              <Table.Th>Status</Table.Th>
              {canSetBucketQuotas && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quota.buckets.map((bucket) => (
              <Table.Tr key={bucket.name}>
                <Table.Td>{bucket.name}</Table.Td>
                <Table.Td>{bucket.bytes_used === null ? '—' : formatBytes(bucket.bytes_used)}</Table.Td>
                <Table.Td>{bucket.quota_bytes === null ? 'None' : formatBytes(bucket.quota_bytes)}</Table.Td>
                <Table.Td miw={120}>
                  {bucket.quota_bytes !== null && (
                    <Progress
                      aria-label={`Quota of ${bucket.name}`}
                      value={Math.min(100, bucket.used_percent ?? 0)}
                      color={colourOf(bucket.used_percent ?? 0)}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  {bucket.writes_blocked ? <Badge color="red">Writes refused</Badge> : <Badge color="green">Writable</Badge>}
                </Table.Td>
                {canSetBucketQuotas && (
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Set quota of ${bucket.name}`}
                      onClick={() => onSet({ bucket: bucket.name, quotaBytes: bucket.quota_bytes, quotaObjects: null })}
                    >
                      Set quota
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {quota.buckets.length === 0 && (
        <Text size="sm" c="dimmed">
          No buckets measured yet.
        </Text>
      )}
    </>
  );
}
