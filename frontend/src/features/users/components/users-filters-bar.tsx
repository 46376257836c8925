import { Group, Select } from '@mantine/core';

import { DebouncedTextInput } from '@/components/debounced-text-input';

import { USER_SORTS, type UserFilters, type UserSort } from '../user-filters';
import { isScopeRole, roleOptions, type UserScope } from '../user-scope';
import { isUserStatus, USER_STATUSES } from '../user-status';

const ALL = 'all';

const STATUS_OPTIONS = [
  { value: ALL, label: 'All' },
  ...Object.entries(USER_STATUSES).map(([value, { label }]) => ({ value, label })),
];

const SORT_OPTIONS = Object.entries(USER_SORTS).map(([value, label]) => ({ value, label }));

/** Search, role and status filters and order of a list of people; the roles are those of the scope. */
export function UsersFiltersBar({
  scope,
  filters,
  onChange,
}: {
  scope: UserScope;
  filters: UserFilters;
  onChange: (change: Partial<UserFilters>) => void;
}) {
  return (
    <Group align="flex-end">
      <DebouncedTextInput
        label="Search people"
        placeholder="Username, name or email"
        type="search"
        value={filters.q}
        onCommit={(q) => onChange({ q })}
        w={280}
      />
      <Select
        label="Role"
        data={[{ value: ALL, label: 'All' }, ...roleOptions(scope)]}
        value={filters.role ?? ALL}
        onChange={(value) => onChange({ role: isScopeRole(scope, value) ? value : null })}
        allowDeselect={false}
        w={220}
      />
      <Select
        label="Status"
        data={STATUS_OPTIONS}
        value={filters.status ?? ALL}
        onChange={(value) => onChange({ status: isUserStatus(value) ? value : null })}
        allowDeselect={false}
        w={160}
      />
      <Select
        label="Sort"
        data={SORT_OPTIONS}
        value={filters.sort}
        onChange={(value) => value && onChange({ sort: value as UserSort })}
        allowDeselect={false}
        w={240}
      />
    </Group>
  );
}
