import type { AccountRequest } from '@/client/types.gen';

export type RequestStatus = AccountRequest['status'];

export const REQUEST_STATUSES: Record<RequestStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'blue' },
  unconfirmed: { label: 'Unconfirmed', color: 'gray' },
  approved: { label: 'Approved', color: 'green' },
  denied: { label: 'Denied', color: 'red' },
};

export function isRequestStatus(value: string | null): value is RequestStatus {
  return value !== null && Object.hasOwn(REQUEST_STATUSES, value);
}
