import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

import { isRequestStatus, type RequestStatus } from './request-status';

const ALL = 'all';
const DEFAULT_STATUS: RequestStatus = 'pending';

/**
 * The queue shows pending requests unless the address bar says otherwise (`?status=denied`,
 * `?status=all`). Null means every status.
 */
export function useRequestStatusFilter(): [RequestStatus | null, (status: RequestStatus | null) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const param = searchParams.get('status');
  const status = param === ALL ? null : isRequestStatus(param) ? param : DEFAULT_STATUS;

  const setStatus = useCallback(
    (next: RequestStatus | null) =>
      setSearchParams(
        (current) => {
          const params = new URLSearchParams(current);
          if (next === DEFAULT_STATUS) params.delete('status');
          else params.set('status', next ?? ALL);
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );

  return [status, setStatus];
}
