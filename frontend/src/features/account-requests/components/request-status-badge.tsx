import { Badge } from '@mantine/core';

import { REQUEST_STATUSES, type RequestStatus } from '../request-status';

export function RequestStatusBadge({ status }: { status: RequestStatus }) {
  const { label, color } = REQUEST_STATUSES[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
