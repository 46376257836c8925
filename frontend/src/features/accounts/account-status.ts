import type { AccountSummary } from '@/client/types.gen';

export type AccountStatus = AccountSummary['status'];

export const ACCOUNT_STATUSES: Record<AccountStatus, { label: string; color: string }> = {
  provisioning: { label: 'Provisioning', color: 'blue' },
  waiting: { label: 'Waiting for storage', color: 'yellow' },
  active: { label: 'Active', color: 'green' },
  disabled: { label: 'Disabled', color: 'gray' },
  failed: { label: 'Failed', color: 'red' },
  deleting: { label: 'Deleting', color: 'orange' },
  deleted: { label: 'Deleted', color: 'dark' },
};

export function isAccountStatus(value: string | null): value is AccountStatus {
  return value !== null && Object.hasOwn(ACCOUNT_STATUSES, value);
}
