import type { Me } from '@/client/types.gen';

export type Role = Me['role'];

/** What a role may do, as the server's table of role × action (`coffer/authorization.py`) says. */
type Permission =
  | 'accounts.read'
  | 'accounts.manage'
  | 'requests.read'
  | 'requests.decide'
  | 'audit.read'
  | 'users.manage'
  | 'platform_users.manage'
  | 'quotas.account.manage'
  | 'quotas.bucket.manage'
  | 'keys.create';

const ROLE_LABELS: Record<Role, string> = {
  'platform-admin': 'Platform administrator',
  'platform-manager': 'Platform manager',
  'platform-viewer': 'Platform viewer',
  'account-admin': 'Account administrator',
  'account-member': 'Account member',
};

/** The roles of an account's people and those of the platform's staff, in the order they are offered. */
export const ACCOUNT_ROLE_CHOICES: readonly Role[] = ['account-admin', 'account-member'];
export const PLATFORM_ROLE_CHOICES: readonly Role[] = ['platform-admin', 'platform-manager', 'platform-viewer'];

const ACCOUNT_ROLES: ReadonlySet<Role> = new Set<Role>(ACCOUNT_ROLE_CHOICES);

const PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  'platform-admin': new Set<Permission>([
    'accounts.read',
    'accounts.manage',
    'requests.read',
    'requests.decide',
    'audit.read',
    'users.manage',
    'platform_users.manage',
    'quotas.account.manage',
    'quotas.bucket.manage',
  ]),
  'platform-manager': new Set<Permission>([
    'accounts.read',
    'accounts.manage',
    'requests.read',
    'requests.decide',
    'audit.read',
  ]),
  'platform-viewer': new Set<Permission>(['accounts.read', 'requests.read', 'audit.read']),
  'account-admin': new Set<Permission>(['audit.read', 'users.manage', 'quotas.bucket.manage', 'keys.create']),
  'account-member': new Set<Permission>(['keys.create']),
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

/** The platform's usage: totals of every account and the accounts using most. */
export function canReadPlatformUsage(role: Role): boolean {
  return PERMISSIONS[role].has('accounts.read');
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

/**
 * Invite, disable, enable, unlock, reset, change the role of and delete an account's people:
 * platform administrators in any account, account administrators in their own account only.
 */
export function canManagePeople(me: Pick<Me, 'role' | 'account_id'>, accountId: string): boolean {
  if (!PERMISSIONS[me.role].has('users.manage')) return false;
  return !isAccountRole(me.role) || me.account_id === accountId;
}

/** The same for the platform's staff: platform administrators only. */
export function canManageStaff(role: Role): boolean {
  return PERMISSIONS[role].has('platform_users.manage');
}

/** The development outbox: offered only when the server says it exists for this user. */
export function canReadOutbox(me: Pick<Me, 'role' | 'outbox_enabled'>): boolean {
  return me.outbox_enabled && me.role === 'platform-admin';
}

/** Set an account's quota (bytes and objects): platform administrators only. */
export function canSetAccountQuota(role: Role): boolean {
  return PERMISSIONS[role].has('quotas.account.manage');
}

/** Set the quotas of an account's buckets: platform administrators, and the account's own administrators. */
export function canSetBucketQuotas(me: Pick<Me, 'role' | 'account_id'>, accountId: string): boolean {
  if (!PERMISSIONS[me.role].has('quotas.bucket.manage')) return false;
  return !isAccountRole(me.role) || me.account_id === accountId;
}

/** Who gets an account's quota alerts, and how: the same people as its bucket quotas (one permission on the server). */
export function canSetAlertSettings(me: Pick<Me, 'role' | 'account_id'>, accountId: string): boolean {
  return canSetBucketQuotas(me, accountId);
}

/** Make an access key: only the account's own people; staff switch keys off and delete them, but a
 * new key's secret would be the tenant's. */
export function canCreateKeys(role: Role): boolean {
  return PERMISSIONS[role].has('keys.create');
}
