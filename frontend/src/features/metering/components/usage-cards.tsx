import { Paper, Progress, SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';

import type { AccountQuota, CapacityPoint, CapacitySeries } from '@/client/types.gen';
import { quotaColor } from '@/lib/quota-levels';
import { formatBytes, formatCount, formatPercent } from '@/lib/units';

/** The account's quotas as far as they are known (the same answer as the quota section), or still
 * loading, or not available. */
export type Quota = { status: 'pending' | 'error' } | { status: 'success'; account: AccountQuota };

const NOT_AVAILABLE = 'Not available';
const NO_SAMPLE = 'No data yet';

/** A card's value: undefined while it loads (a placeholder is shown). */
type CardValue = string | undefined;

function UsageCard({
  title,
  testId,
  value,
  children,
}: {
  title: string;
  testId: string;
  value: CardValue;
  children?: ReactNode;
}) {
  const titleId = useId();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={titleId}>
      <Text component="h2" id={titleId} size="sm" c="dimmed" fw={500}>
        {title}
      </Text>
      <Text component="div" fz={28} fw={700} data-testid={testId} aria-busy={value === undefined}>
        {value ?? <Skeleton h={28} my={7} w="60%" />}
      </Text>
      {children}
    </Paper>
  );
}

/** The newest value of a field among the points that have one (the series is oldest first). */
function newest(points: readonly CapacityPoint[], field: 'bytes_used' | 'objects'): number | null {
  for (let index = points.length - 1; index >= 0; index -= 1) {
    const value = points[index][field];
    if (value !== null) return value;
  }
  return null;
}

/** The figures of the quota that applies to what the cards show: the chosen bucket's own, or the account's. */
function shownQuota(account: AccountQuota, bucket: string | undefined) {
  if (!bucket) return account;
  const own = account.buckets.find((entry) => entry.name === bucket);
  return {
    quota_bytes: own?.quota_bytes ?? null,
    used_percent: own?.used_percent ?? null,
    level: own?.level ?? 'ok',
  };
}

/**
 * Used capacity and objects as last sampled and, for an account, the share of its quota they use (of the
 * chosen bucket's quota when a bucket is chosen). The share is the quota's own answer, so it reads the
 * same, in the same colour, as the quota section, the overview and the alerts.
 */
export function UsageCards({
  capacity,
  quota,
  bucket,
}: {
  capacity: UseQueryResult<CapacitySeries>;
  quota?: Quota;
  bucket?: string;
}) {
  const bytesUsed = capacity.isSuccess ? newest(capacity.data.points, 'bytes_used') : undefined;
  const objects = capacity.isSuccess ? newest(capacity.data.points, 'objects') : undefined;
  const sampled = <T,>(value: T | null | undefined, format: (value: T) => string): CardValue => {
    if (capacity.isError) return NOT_AVAILABLE;
    if (value === undefined) return undefined;
    return value === null ? NO_SAMPLE : format(value);
  };

  const quotaTitle = bucket ? `Quota used by ${bucket}` : 'Quota used';
  let quotaValue: CardValue;
  let quotaDetail: ReactNode = null;
  if (quota?.status === 'error') quotaValue = NOT_AVAILABLE;
  else if (quota?.status === 'success') {
    const shown = shownQuota(quota.account, bucket);
    if (shown.quota_bytes === null) quotaValue = bucket ? 'No quota of its own' : 'No quota';
    else {
      quotaValue = shown.used_percent === null ? NO_SAMPLE : formatPercent(shown.used_percent / 100);
      quotaDetail = (
        <>
          <Text size="sm" c="dimmed">
            of {formatBytes(shown.quota_bytes)}
          </Text>
          <Progress
            value={Math.min(100, shown.used_percent ?? 0)}
            color={quotaColor(shown.level)}
            mt="xs"
            aria-hidden
          />
        </>
      );
    }
  }

  return (
    <SimpleGrid cols={{ base: 1, sm: quota ? 3 : 2 }}>
      <UsageCard title="Used capacity" testId="card-used-capacity" value={sampled(bytesUsed, formatBytes)} />
      <UsageCard title="Objects" testId="card-objects" value={sampled(objects, formatCount)} />
      {quota && (
        <UsageCard title={quotaTitle} testId="card-quota-used" value={quotaValue}>
          {quotaDetail}
        </UsageCard>
      )}
    </SimpleGrid>
  );
}
