import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

export type Fact = readonly [label: string, value: ReactNode];

/** Facts about one thing, one per row: the label as a row header, so screen readers read them in pairs. */
export function FactsTable({ facts, maw = 640 }: { facts: readonly Fact[]; maw?: number }) {
  return (
    <Table variant="vertical" withTableBorder maw={maw}>
      <Table.Tbody>
        {facts.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w={220}>
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
