import { Group, Select } from '@mantine/core';

import { DebouncedTextInput } from '@/components/debounced-text-input';

import { ACCOUNT_SORTS, type AccountFilters, type AccountSort } from '../account-filters';
import { ACCOUNT_STATUSES, isAccountStatus } from '../account-status';

const ALL = 'all';

const STATUS_OPTIONS = [
  { value: ALL, label: 'All' },
  ...Object.entries(ACCOUNT_STATUSES).map(([value, { label }]) => ({ value, label })),
];

const SORT_OPTIONS = Object.entries(ACCOUNT_SORTS).map(([value, label]) => ({ value, label }));

/** Search, status filter and order of the account list. */
export function AccountFiltersBar({
  filters,
  onChange,
}: {
  filters: AccountFilters;
  onChange: (change: Partial<AccountFilters>) => void;
}) {
  return (
    <Group align="flex-end">
      <DebouncedTextInput
        label="Search accounts"
        placeholder="Name, id or contact email"
        type="search"
        value={filters.q}
        onCommit={(q) => onChange({ q })}
        w={280}
      />
      <Select
        label="Status"
        data={STATUS_OPTIONS}
        value={filters.status ?? ALL}
        onChange={(value) => onChange({ status: isAccountStatus(value) ? value : null })}
        allowDeselect={false}
        w={180}
      />
      <Select
        label="Sort"
        data={SORT_OPTIONS}
        value={filters.sort}
        onChange={(value) => value && onChange({ sort: value as AccountSort })}
        allowDeselect={false}
        w={180}
      />
    </Group>
  );
}
