import type { DataGrantView } from '@/client/types.gen';

export type DataLevel = DataGrantView['account'];

/** Levels only add to each other: read ⊂ read & write ⊂ read, write & delete. */
export const DATA_LEVELS: readonly DataLevel[] = ['none', 'read', 'read-write', 'read-write-delete'];

const LABELS: Record<DataLevel, string> = {
  none: 'No access',
  read: 'Read only',
  'read-write': 'Read and write',
  'read-write-delete': 'Read, write and delete',
};

export function levelLabel(level: DataLevel): string {
  return LABELS[level];
}

export function rank(level: DataLevel): number {
  return DATA_LEVELS.indexOf(level);
}

export function isDataLevel(value: string | null): value is DataLevel {
  return value !== null && (DATA_LEVELS as readonly string[]).includes(value);
}
