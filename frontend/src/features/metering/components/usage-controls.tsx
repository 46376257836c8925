import { Button, Group, SegmentedControl, Select, Stack, Switch, Text } from '@mantine/core';
import { useId } from 'react';

import { isResolution, RESOLUTIONS } from '../resolutions';
import type { UsageFilters } from '../usage-filters';

/** The buckets to choose from, as their query stands. */
export type BucketChoices = { status: 'pending' | 'error' | 'success'; names: readonly string[] };

/** Not a bucket name (those are lower-case letters, digits, dots and hyphens). */
const ALL_BUCKETS = '*';

const INTERVAL_OPTIONS = RESOLUTIONS.map(({ value, label }) => ({ value, label }));

type UsageControlsProps = {
  filters: UsageFilters;
  onChange: (change: Partial<UsageFilters>) => void;
  /** Offer a choice of bucket (an account's usage); none for the platform's. */
  buckets?: BucketChoices;
  autoRefresh: boolean;
  onAutoRefreshChange: (autoRefresh: boolean) => void;
  onRefresh: () => void;
};

/** The interval and bucket of every chart, and when their figures are asked for again. */
export function UsageControls({
  filters,
  onChange,
  buckets,
  autoRefresh,
  onAutoRefreshChange,
  onRefresh,
}: UsageControlsProps) {
  const intervalLabelId = useId();
  const listed = buckets?.names ?? [];
  // A bucket in the address bar that is not (or no longer) listed stays shown as chosen.
  const names = filters.bucket && !listed.includes(filters.bucket) ? [filters.bucket, ...listed] : listed;
  const bucketOptions = [
    { value: ALL_BUCKETS, label: 'All buckets' },
    ...names.map((name) => ({ value: name, label: name })),
  ];

  return (
    <Group align="flex-end" gap="md">
      <Stack gap={4}>
        <Text component="div" id={intervalLabelId} size="sm" fw={500}>
          Interval
        </Text>
        <SegmentedControl
          aria-labelledby={intervalLabelId}
          data={INTERVAL_OPTIONS}
          value={filters.resolution}
          onChange={(value) => {
            if (isResolution(value)) onChange({ resolution: value });
          }}
        />
      </Stack>
      {buckets && (
        <Select
          label="Bucket"
          data={bucketOptions}
          value={filters.bucket ?? ALL_BUCKETS}
          onChange={(value) => onChange({ bucket: value === ALL_BUCKETS ? null : value })}
          allowDeselect={false}
          disabled={buckets.status === 'pending'}
          error={buckets.status === 'error' ? 'The buckets could not be listed.' : undefined}
          w={240}
        />
      )}
      <Button variant="default" onClick={onRefresh}>
        Refresh
      </Button>
      <Switch
        label="Auto-refresh"
        checked={autoRefresh}
        onChange={(event) => onAutoRefreshChange(event.currentTarget.checked)}
      />
    </Group>
  );
}
