import { useCallback } from 'react';

import { useUrlParams, withValues } from '@/lib/url-params';

import { isRequestStatus, type RequestStatus } from './request-status';

const ALL = 'all';
const DEFAULT_STATUS: RequestStatus = 'pending';

/**
 * The queue shows pending requests unless the address bar says otherwise (`?status=denied`,
 * `?status=all`). Null means every status.
 */
export function useRequestStatusFilter(): [RequestStatus | null, (status: RequestStatus | null) => void] {
  const [searchParams, change] = useUrlParams();
  const param = searchParams.get('status');
  const status = param === ALL ? null : isRequestStatus(param) ? param : DEFAULT_STATUS;

  const setStatus = useCallback(
    (chosen: RequestStatus | null) =>
      change((next) => withValues(next, { status: chosen === DEFAULT_STATUS ? null : (chosen ?? ALL) })),
    [change],
  );

  return [status, setStatus];
}
