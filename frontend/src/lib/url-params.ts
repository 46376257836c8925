import { useCallback, useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';

/** Sets each named parameter, or removes it when its value is empty (null, undefined or ''). */
export function withValues(next: URLSearchParams, values: Readonly<Record<string, string | null | undefined>>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value) next.set(name, value);
    else next.delete(name);
  }
}

/**
 * The address bar's query, and a way to change it that builds on every change made so far, also
 * those not rendered yet. React Router's own functional update starts from the last render, so two
 * changes in a row (two filters cleared together, a search applied as a status is picked) kept only
 * the second, and the first filter came back unseen. Changes replace the history entry.
 */
export function useUrlParams(): [URLSearchParams, (apply: (next: URLSearchParams) => void) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const latest = useRef(searchParams);
  // A render brings the router's query (also Back, or a link): from then on that is where changes start.
  useEffect(() => {
    latest.current = searchParams;
  }, [searchParams]);

  const change = useCallback(
    (apply: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(latest.current);
      apply(next);
      latest.current = next;
      setSearchParams(next, { replace: true });
    },
    [setSearchParams],
  );
  return [searchParams, change];
}
