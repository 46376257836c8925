import { Select } from '@mantine/core';

import { isRequestStatus, REQUEST_STATUSES, type RequestStatus } from '../request-status';

const ALL = 'all';

const OPTIONS = [
  ...Object.entries(REQUEST_STATUSES).map(([value, { label }]) => ({ value, label })),
  { value: ALL, label: 'All' },
];

export function RequestStatusSelect({
  status,
  onChange,
}: {
  status: RequestStatus | null;
  onChange: (status: RequestStatus | null) => void;
}) {
  return (
    <Select
      label="Status"
      data={OPTIONS}
      value={status ?? ALL}
      onChange={(value) => onChange(isRequestStatus(value) ? value : null)}
      allowDeselect={false}
      w={200}
    />
  );
}
