import { useCallback, useState } from 'react';

export type CursorPages = {
  /** The cursor of the page shown; null for the first page. */
  cursor: string | null;
  hasPrevious: boolean;
  next: (cursor: string) => void;
  previous: () => void;
};

type Stack = { filters: string; cursors: string[] };

/**
 * Paging through a list whose server only says how to reach the next page: the cursors of the
 * pages already seen are kept on a stack, so "previous" is a step back on it. `filters` names the
 * list's filters (e.g. as JSON); when it changes, paging starts again at the first page.
 */
export function useCursorPages(filters: string): CursorPages {
  const [stack, setStack] = useState<Stack>({ filters, cursors: [] });
  if (stack.filters !== filters) setStack({ filters, cursors: [] });
  const cursors = stack.filters === filters ? stack.cursors : [];

  const next = useCallback(
    (cursor: string) => setStack((current) => ({ ...current, cursors: [...current.cursors, cursor] })),
    [],
  );
  const previous = useCallback(
    () => setStack((current) => ({ ...current, cursors: current.cursors.slice(0, -1) })),
    [],
  );
  return { cursor: cursors.at(-1) ?? null, hasPrevious: cursors.length > 0, next, previous };
}
