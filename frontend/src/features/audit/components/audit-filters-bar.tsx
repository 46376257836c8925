import { Group, TextInput } from '@mantine/core';

import { DebouncedTextInput } from '@/components/debounced-text-input';

import type { AuditFilters } from '../audit-filters';

/** Who, which account, which action (or its prefix, e.g. `auth.`), and a time range. */
export function AuditFiltersBar({
  filters,
  withAccount,
  onChange,
}: {
  filters: AuditFilters;
  withAccount: boolean;
  onChange: (change: Partial<AuditFilters>) => void;
}) {
  return (
    <Group align="flex-end">
      <DebouncedTextInput label="Actor" value={filters.actor} onCommit={(actor) => onChange({ actor })} w={200} />
      {withAccount && (
        <DebouncedTextInput
          label="Account"
          value={filters.account}
          onCommit={(account) => onChange({ account })}
          w={160}
        />
      )}
      <DebouncedTextInput
        label="Action"
        placeholder="e.g. auth. or account.create"
        value={filters.action}
        onCommit={(action) => onChange({ action })}
        w={220}
      />
      <TextInput
        label="From"
        type="datetime-local"
        value={filters.from}
        onChange={(event) => onChange({ from: event.currentTarget.value })}
        w={220}
      />
      <TextInput
        label="To"
        type="datetime-local"
        value={filters.to}
        onChange={(event) => onChange({ to: event.currentTarget.value })}
        w={220}
      />
    </Group>
  );
}
