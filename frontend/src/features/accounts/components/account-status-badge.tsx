import { Badge } from '@mantine/core';

import { ACCOUNT_STATUSES, type AccountStatus } from '../account-status';

export function AccountStatusBadge({ status }: { status: AccountStatus }) {
  const { label, color } = ACCOUNT_STATUSES[status];
  return (
    <Badge color={color} variant="light">
      {label}
    </Badge>
  );
}
