import { Button, Group } from '@mantine/core';

import type { CursorPages } from '@/lib/cursor-pages';

/** "Previous page" and "Next page" for a list paged by cursors. */
export function CursorPagination({ pages, nextCursor }: { pages: CursorPages; nextCursor: string | null }) {
  return (
    <Group gap="xs">
      <Button variant="default" disabled={!pages.hasPrevious} onClick={pages.previous}>
        Previous page
      </Button>
      <Button variant="default" disabled={!nextCursor} onClick={() => nextCursor && pages.next(nextCursor)}>
        Next page
      </Button>
    </Group>
  );
}
