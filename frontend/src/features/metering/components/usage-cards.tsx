import { Paper, Progress, SimpleGrid, Skeleton, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';

import type { CapacityPoint, CapacitySeries } from '@/client/types.gen';
import { quotaColor } from '@/lib/quota-levels';
import { formatBytes, formatCount, formatPercent } from '@/lib/units';

/** The account's quota as far as it is known: its bytes (null: no quota), or still loading, or not available. */
export type Quota = { status: 'pending' | 'error' } | { status: 'success'; bytes: number | null };

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

function quotaShare(bytesUsed: number, quotaBytes: number): number {
  return quotaBytes > 0 ? bytesUsed / quotaBytes : 1;
}

/**
 * Used capacity and objects as last sampled and, for an account, the share of its quota they use.
 * They follow the bucket chosen for the charts.
 */
export function UsageCards({ capacity, quota }: { capacity: UseQueryResult<CapacitySeries>; quota?: Quota }) {
  const bytesUsed = capacity.isSuccess ? newest(capacity.data.points, 'bytes_used') : undefined;
  const objects = capacity.isSuccess ? newest(capacity.data.points, 'objects') : undefined;
  const sampled = <T,>(value: T | null | undefined, format: (value: T) => string): CardValue => {
    if (capacity.isError) return NOT_AVAILABLE;
    if (value === undefined) return undefined;
    return value === null ? NO_SAMPLE : format(value);
  };

  let quotaValue: CardValue;
  let quotaDetail: ReactNode = null;
  if (quota?.status === 'error') quotaValue = NOT_AVAILABLE;
  else if (quota?.status === 'success') {
    const quotaBytes = quota.bytes;
    if (quotaBytes === null) quotaValue = 'No quota';
    else {
      quotaValue = sampled(bytesUsed, (used) => formatPercent(quotaShare(used, quotaBytes)));
      const share = typeof bytesUsed === 'number' ? quotaShare(bytesUsed, quotaBytes) : 0;
      quotaDetail = (
        <>
          <Text size="sm" c="dimmed">
            of {formatBytes(quotaBytes)}
          </Text>
          <Progress
            value={Math.min(100, share * 100)}
            color={quotaColor(share * 100)}
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
        <UsageCard title="Quota used" testId="card-quota-used" value={quotaValue}>
          {quotaDetail}
        </UsageCard>
      )}
    </SimpleGrid>
  );
}
