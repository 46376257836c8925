import { Table, type TableProps, Text } from '@mantine/core';
import { useElementSize, useMergedRef } from '@mantine/hooks';
import { type CSSProperties, type ReactNode, useEffect, useRef, useState } from 'react';

import classes from './list-table.module.css';

/** Gives every body cell its column's header text as `data-label`, which the stacked (phone) layout
 * shows in front of the cell's value. Kept up to date as rows come and go. */
function useColumnLabels(table: React.RefObject<HTMLTableElement | null>) {
  useEffect(() => {
    const element = table.current;
    if (!element) return;
    const label = () => {
      const headers = [...element.querySelectorAll('thead th')].map((th) => th.textContent?.replace(/[▲▼]/g, '').trim() ?? '');
      for (const row of element.querySelectorAll('tbody tr')) {
        [...row.children].forEach((cell, index) => {
          // A cell across the whole row (an opened mail's text) belongs to no one column.
          const spans = cell instanceof HTMLTableCellElement && cell.colSpan > 1;
          const text = spans ? '' : (headers[index] ?? '');
          if (cell.getAttribute('data-label') !== text) cell.setAttribute('data-label', text);
        });
      }
    };
    label();
    const observer = new MutationObserver(label);
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    return () => observer.disconnect();
  }, [table]);
}

/**
 * A table of a list: all its text fits (it scrolls sideways inside its own frame, which the keyboard
 * can reach, with a hint when it does), its actions column stays in view (`withActions`), and on a
 * phone each row becomes a card of "label value" lines.
 */
export function ListTable({
  label,
  minWidth,
  withActions = false,
  children,
  ...tableProps
}: TableProps & { label: string; minWidth?: number; withActions?: boolean; children: ReactNode }) {
  const tableRef = useRef<HTMLTableElement>(null);
  const { ref: sizeRef, width } = useElementSize<HTMLDivElement>();
  const frameRef = useRef<HTMLDivElement>(null);
  const mergedFrameRef = useMergedRef(sizeRef, frameRef);
  const [scrolls, setScrolls] = useState(false);
  useColumnLabels(tableRef);
  useEffect(() => {
    const frame = frameRef.current;
    if (frame) setScrolls(frame.scrollWidth > frame.clientWidth + 1);
  }, [width, children]);

  const style = minWidth ? ({ '--list-table-min-width': `${minWidth}px` } as CSSProperties) : undefined;
  return (
    <>
      <div
        ref={mergedFrameRef}
        className={classes.frame}
        role="region"
        aria-label={label}
        // Only a frame that scrolls is a tab stop: the keyboard scrolls it with the arrow keys.
        tabIndex={scrolls ? 0 : undefined}
      >
        <Table
          ref={tableRef}
          className={`${classes.table} ${withActions ? classes.withActions : ''}`}
          style={style}
          {...tableProps}
        >
          {children}
        </Table>
      </div>
      {scrolls && (
        <Text size="xs" c="dimmed">
          The table has more columns to the right: scroll it sideways.
        </Text>
      )}
    </>
  );
}
