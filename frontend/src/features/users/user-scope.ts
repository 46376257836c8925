import { ACCOUNT_ROLE_CHOICES, PLATFORM_ROLE_CHOICES, roleLabel, type Role } from '@/lib/authorization';

/** Whose people: one account's (its administrators and members) or the platform's staff. */
export type UserScope = { kind: 'account'; accountId: string } | { kind: 'platform' };

/** The roles a person of this scope can have. */
export function scopeRoles(scope: UserScope): readonly Role[] {
  return scope.kind === 'account' ? ACCOUNT_ROLE_CHOICES : PLATFORM_ROLE_CHOICES;
}

/** The least powerful role of the scope: the one a new person gets unless chosen otherwise. */
export function defaultRole(scope: UserScope): Role {
  return scope.kind === 'account' ? 'account-member' : 'platform-viewer';
}

export function isScopeRole(scope: UserScope, value: string | null): value is Role {
  return value !== null && (scopeRoles(scope) as readonly string[]).includes(value);
}

/** The scope's roles as options of a Select, in words. */
export function roleOptions(scope: UserScope): { value: Role; label: string }[] {
  return scopeRoles(scope).map((role) => ({ value: role, label: roleLabel(role) }));
}

/** A stable name of the scope, e.g. for a query key. */
export function scopeKey(scope: UserScope): string {
  return scope.kind === 'account' ? `account:${scope.accountId}` : 'platform';
}
