import { Table, UnstyledButton } from '@mantine/core';

type Sort<Field extends string> = Field | `-${Field}`;

/** A column header that sorts the list by its column and tells assistive technology the order.
 * The first click sorts text A–Z and dates newest first (`newestFirst`); a second click turns it around. */
export function SortHeader<Field extends string>({
  label,
  field,
  sort,
  newestFirst = false,
  onSort,
}: {
  label: string;
  field: Field;
  sort: Sort<Field>;
  newestFirst?: boolean;
  onSort: (sort: Sort<Field>) => void;
}) {
  const descending: Sort<Field> = `-${field}`;
  const direction = sort === field ? 'ascending' : sort === descending ? 'descending' : 'none';
  const next = direction === 'ascending' ? descending : direction === 'descending' ? field : newestFirst ? descending : field;
  const arrow = direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : '';
  return (
    <Table.Th aria-sort={direction}>
      <UnstyledButton fw={700} fz="sm" onClick={() => onSort(next)}>
        {label}
        {arrow && <span aria-hidden="true">{arrow}</span>}
      </UnstyledButton>
    </Table.Th>
  );
}
