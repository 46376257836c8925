import type { Me } from '@/client/types.gen';

export type Role = Me['role'];

/** What a role may do, as the server's table of role × action (`coffer/authorization.py`) says. */
type Permission = 'accounts.read' | 'accounts.manage' | 'requests.read' | 'requests.decide' | 'audit.read';

const ROLE_LABELS: Record<Role, string> = {
  'platform-admin': 'Platform administrator',
  'platform-manager': 'Platform manager',
  'platform-viewer': 'Platform viewer',
  'account-admin': 'Account administrator',
  'account-member': 'Account member',
};

const ACCOUNT_ROLES: ReadonlySet<Role> = new Set<Role>(['account-admin', 'account-member']);

const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  'platform-admin': new Set<Permission>([
    'accounts.read',
    'accounts.manage',
    'requests.read',
    'requests.decide',
    'audit.read',
  ]),
  'platform-manager': new Set<Permission>([
    'accounts.read',
    'accounts.manage',
    'requests.read',
    'requests.decide',
    'audit.read',
  ]),
  'platform-viewer': new Set<Permission>(['accounts.read', 'requests.read', 'audit.read']),
  'account-admin': new Set<Permission>(['audit.read']),
  'account-member': new Set<Permission>(),
};

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

// The functions below, too, only choose what to offer; the server checks every request again.

export function canReadAccounts(role: Role): boolean {
  return PERMISSIONS[role].has('accounts.read');
}

/** Create, disable, enable, retry and delete accounts. */
export function canManageAccounts(role: Role): boolean {
  return PERMISSIONS[role].has('accounts.manage');
}

export function canReadRequests(role: Role): boolean {
  return PERMISSIONS[role].has('requests.read');
}

/** Approve or deny account requests. */
export function canDecideRequests(role: Role): boolean {
  return PERMISSIONS[role].has('requests.decide');
}

/** Account administrators read the audit log too, of their own account only. */
export function canReadAudit(role: Role): boolean {
  return PERMISSIONS[role].has('audit.read');
}

/** The development outbox: offered only when the server says it exists for this user. */
export function canReadOutbox(me: Pick<Me, 'role' | 'outbox_enabled'>): boolean {
  return me.outbox_enabled && me.role === 'platform-admin';
}
