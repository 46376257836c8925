import type { Me } from '@/client/types.gen';

export type Role = Me['role'];

const ROLE_LABELS: Record<Role, string> = {
  'platform-admin': 'Platform administrator',
  'platform-manager': 'Platform manager',
  'platform-viewer': 'Platform viewer',
  'account-admin': 'Account administrator',
  'account-member': 'Account member',
};

const ACCOUNT_ROLES: ReadonlySet<Role> = new Set<Role>(['account-admin', 'account-member']);

/** The role in words people use. */
export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}

export function isAccountRole(role: Role): boolean {
  return ACCOUNT_ROLES.has(role);
}

/**
 * The account whose buckets this user may browse from the navigation, if any.
 * The server decides every request again; this only chooses what to offer.
 */
export function ownBucketsAccount(me: Pick<Me, 'role' | 'account_id'>): string | null {
  return isAccountRole(me.role) ? me.account_id : null;
}
