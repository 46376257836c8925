import { Badge } from '@mantine/core';

import { usePendingRequestCount } from '../api/list-account-requests';

/** The number of requests waiting for a decision, for the navigation; nothing when none wait. */
export function PendingRequestsBadge() {
  const { data: count } = usePendingRequestCount();
  if (!count) return null;
  return (
    <Badge size="sm" circle={count < 10} data-testid="pending-requests-count">
      {count}
    </Badge>
  );
}
