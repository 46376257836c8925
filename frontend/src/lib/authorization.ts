import type { Action, Me } from '@/client/types.gen';

export type Role = Me['role'];

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

// The functions below, too, only choose what to offer: they read what `/me` announces
// (`permissions`), and the server checks every request again.

type Permitted = Pick<Me, 'permissions'>;
export type PermittedInAccounts = Pick<Me, 'permissions' | 'account_id'>;

function may(me: Permitted, action: Action): boolean {
  return me.permissions.actions.includes(action);
}

/** An action on one account: staff's actions reach any account, an account's people only their own. */
function mayIn(me: PermittedInAccounts, action: Action, accountId: string): boolean {
  return may(me, action) && (me.permissions.scope === 'any-account' || me.account_id === accountId);
}

export function canReadAccounts(me: Permitted): boolean {
  return may(me, 'accounts.read');
}

/** Create, disable, enable, retry and delete accounts. */
export function canManageAccounts(me: Permitted): boolean {
  return may(me, 'accounts.manage');
}

/** The platform's usage: totals of every account and the accounts using most. */
export function canReadPlatformUsage(me: Permitted): boolean {
  return may(me, 'accounts.read');
}

export function canReadRequests(me: Permitted): boolean {
  return may(me, 'requests.read');
}

/** Approve or deny account requests. */
export function canDecideRequests(me: Permitted): boolean {
  return may(me, 'requests.decide');
}

/** Account administrators read the audit log too, of their own account only. */
export function canReadAudit(me: Permitted): boolean {
  return may(me, 'audit.read');
}

/**
 * Invite, disable, enable, unlock, reset, change the role of and delete an account's people:
 * platform administrators in any account, account administrators in their own account only.
 */
export function canManagePeople(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'users.manage', accountId);
}

/** Read an account's people, changing nothing: every platform role in any account, account administrators in theirs. */
export function canReadPeople(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'users.read', accountId);
}

/** The same for the platform's staff: platform administrators only. */
export function canManageStaff(me: Permitted): boolean {
  return may(me, 'platform_users.manage');
}

/** The security rules in force and the platform's MFA switch: platform administrators only. */
export function canReadSecurityPolicy(me: Permitted): boolean {
  return may(me, 'policy.read');
}

/** The development outbox: offered only when the server says it exists for this user. */
export function canReadOutbox(me: Pick<Me, 'permissions' | 'outbox_enabled'>): boolean {
  return me.outbox_enabled && may(me, 'outbox.read');
}

/** Set an account's quota (bytes and objects): platform administrators only. */
export function canSetAccountQuota(me: Permitted): boolean {
  return may(me, 'quotas.account.manage');
}

/** Set the quotas of an account's buckets: platform administrators, and the account's own administrators. */
export function canSetBucketQuotas(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'quotas.bucket.manage', accountId);
}

/** Who gets an account's quota alerts, and how: the same people as its bucket quotas (one permission on the server). */
export function canSetAlertSettings(me: PermittedInAccounts, accountId: string): boolean {
  return canSetBucketQuotas(me, accountId);
}

/** Make an access key: only the account's own people; staff switch keys off and delete them, but a
 * new key's secret would be the tenant's. */
export function canCreateKeys(me: Permitted): boolean {
  return may(me, 'keys.create');
}

/** Create and delete an account's buckets: its own administrators only, who act in the storage system as
 * themselves (staff hold no storage identity in a tenant's account). */
export function canManageBuckets(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'buckets.manage', accountId);
}

/** Read (and, with canManageBuckets, change) a bucket's settings: its account's administrators, with their own
 * storage identity (staff have none in a tenant's account; a member's may not read bucket configuration). */
export function canReadBucketSettings(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'buckets.settings.read', accountId);
}

/** Browse a bucket's objects: only the account's own people, with their own storage identity (staff have none there). */
export function canBrowseObjects(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'objects.read', accountId);
}

/** Upload and overwrite objects: only the account's own people; their data grant then says in which buckets. */
export function canWriteObjects(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'objects.write', accountId);
}

/** Delete objects: only the account's own people; their data grant then says in which buckets. */
export function canDeleteObjects(me: PermittedInAccounts, accountId: string): boolean {
  return mayIn(me, 'objects.delete', accountId);
}
