import { Table, UnstyledButton } from '@mantine/core';

import type { UserSort } from '../user-filters';

type SortField = 'username' | 'created' | 'last_sign_in';

/** Usernames are first sorted A–Z, dates newest first; a second click turns the order around. */
function nextSort(field: SortField, current: UserSort): UserSort {
  if (current === field) return `-${field}`;
  if (current === `-${field}`) return field;
  return field === 'username' ? 'username' : `-${field}`;
}

/** A column header that sorts the list by its column and tells assistive technology the order. */
export function UserSortHeader({
  label,
  field,
  sort,
  onSort,
}: {
  label: string;
  field: SortField;
  sort: UserSort;
  onSort: (sort: UserSort) => void;
}) {
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  const arrow = direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : '';
  return (
    <Table.Th aria-sort={direction}>
      <UnstyledButton fw={700} fz="sm" onClick={() => onSort(nextSort(field, sort))}>
        {label}
        {arrow && <span aria-hidden="true">{arrow}</span>}
      </UnstyledButton>
    </Table.Th>
  );
}
