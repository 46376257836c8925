"""Who may do what: one table of role × action, and one function that also checks the account scope.

Platform roles act on every account; account roles only on their own. Every operation that needs a
session names one of these actions (`coffer.api.operations` refuses to start otherwise), so nothing is
allowed merely because nobody said what it is. `/me` announces a role's row and scope from here, so the
console offers what `authorize` allows and keeps no table of its own.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from coffer.data_access import MANAGE, MEMBER_DEFAULT, Access
from coffer.domain_errors import DomainError
from coffer.sessions.claims import SessionClaims
from coffer.store.users import DataGrant, Role


class Action(StrEnum):
    OWN_PROFILE = "profile.own"  # the caller's own person and sessions: profile, password, MFA, notifications
    BUCKETS_READ = "buckets.read"
    # Reading objects takes the person's own storage identity: only the account's own people (staff
    # have none in a tenant's account, and borrowing the service identity would read tenants' data).
    OBJECTS_READ = "objects.read"
    # Writing and deleting objects, for the same reason only the account's own people. The role allows the
    # action; the person's data grant then says in which buckets (and the storage system enforces it).
    OBJECTS_WRITE = "objects.write"
    OBJECTS_DELETE = "objects.delete"
    ACCOUNT_READ = "account.read"  # one account's facts and usage; account roles: their own only
    ACCOUNTS_READ = "accounts.read"
    ACCOUNTS_MANAGE = "accounts.manage"
    REQUESTS_READ = "requests.read"
    REQUESTS_DECIDE = "requests.decide"
    AUDIT_READ = "audit.read"
    USERS_READ = "users.read"  # an account's people, read only: staff in any account, account admins in theirs
    USERS_MANAGE = "users.manage"  # an account's people; account admins: their own account only
    PLATFORM_USERS_MANAGE = "platform_users.manage"
    CLI_CREDENTIALS = "cli_credentials.mint"
    POLICY_READ = "policy.read"  # the security settings in force; platform admins
    POLICY_MANAGE = "policy.manage"  # platform-wide MFA requirement, signing-key rotation; platform admins
    KEYS_MANAGE = "keys.manage"  # account roles: in their own account; members: their own keys only
    # Making a key hands out its secret: only the account's own people, never staff (that would be
    # impersonation; staff may still switch off and delete a tenant's keys).
    KEYS_CREATE = "keys.create"
    OUTBOX_READ = "outbox.read"
    ACCOUNT_QUOTAS_MANAGE = "quotas.account.manage"  # platform admins
    BUCKET_QUOTAS_MANAGE = "quotas.bucket.manage"  # account admins: in their own account
    # Create and delete buckets: account admins in their own account, with their own storage credentials
    # (staff hold no storage identity in a tenant's account, as for KEYS_CREATE).
    BUCKETS_MANAGE = "buckets.manage"
    # A bucket's settings (versioning, CORS, tags, policy) are read with the person's own storage identity:
    # staff have none in a tenant's account, and a member's allows objects only, so account admins alone.
    BUCKET_SETTINGS_READ = "buckets.settings.read"


# Where a role's actions on an account reach: any account (platform roles) or only its own (account roles).
AccountScope = Literal["any-account", "own-account"]

_PLATFORM_ROLES: frozenset[Role] = frozenset({"platform-admin", "platform-manager", "platform-viewer"})

ALLOWED: dict[Role, frozenset[Action]] = {
    # no storage identity in a tenant's account
    "platform-admin": frozenset(Action)
    - {
        Action.CLI_CREDENTIALS,
        Action.KEYS_CREATE,
        Action.BUCKETS_MANAGE,
        Action.BUCKET_SETTINGS_READ,
        Action.OBJECTS_READ,
        Action.OBJECTS_WRITE,
        Action.OBJECTS_DELETE,
    },
    "platform-manager": frozenset(
        {
            Action.OWN_PROFILE,
            Action.USERS_READ,
            Action.BUCKETS_READ,
            Action.ACCOUNT_READ,
            Action.ACCOUNTS_READ,
            Action.ACCOUNTS_MANAGE,
            Action.REQUESTS_READ,
            Action.REQUESTS_DECIDE,
            Action.AUDIT_READ,
        }
    ),
    "platform-viewer": frozenset(
        {
            Action.OWN_PROFILE,
            Action.USERS_READ,
            Action.BUCKETS_READ,
            Action.ACCOUNT_READ,
            Action.ACCOUNTS_READ,
            Action.REQUESTS_READ,
            Action.AUDIT_READ,
        }
    ),
    "account-admin": frozenset(
        {
            Action.OWN_PROFILE,
            Action.BUCKETS_READ,
            Action.OBJECTS_READ,
            Action.OBJECTS_WRITE,
            Action.OBJECTS_DELETE,
            Action.ACCOUNT_READ,
            Action.AUDIT_READ,
            Action.USERS_READ,
            Action.USERS_MANAGE,
            Action.KEYS_MANAGE,
            Action.KEYS_CREATE,
            Action.CLI_CREDENTIALS,
            Action.BUCKET_QUOTAS_MANAGE,
            Action.BUCKETS_MANAGE,
            Action.BUCKET_SETTINGS_READ,
        }
    ),
    "account-member": frozenset(
        {
            Action.OWN_PROFILE,
            Action.BUCKETS_READ,
            Action.OBJECTS_READ,
            Action.OBJECTS_WRITE,
            Action.OBJECTS_DELETE,
            Action.ACCOUNT_READ,
            Action.KEYS_MANAGE,
            Action.KEYS_CREATE,
            Action.CLI_CREDENTIALS,
        }
    ),
}


# Why a role lacks an action, where "your role does not allow this" would leave people guessing.
_REFUSALS: dict[Action, str] = {
    Action.OBJECTS_READ: "Only the account's own people can read its objects: staff have no storage identity "
    "in a tenant's account, and the console does not lend them its own.",
    Action.OBJECTS_WRITE: "Only the account's own people can write its objects: staff have no storage identity "
    "in a tenant's account.",
    Action.BUCKET_SETTINGS_READ: "Only the account's admins can read a bucket's settings: they are read with "
    "their own storage identity, which staff do not have in a tenant's account.",
    Action.OBJECTS_DELETE: "Only the account's own people can delete its objects: staff have no storage identity "
    "in a tenant's account.",
}


class Forbidden(DomainError):
    """The signed-in user may not do this (here)."""

    status, slug, title = 403, "forbidden", "Not allowed"


class NoDataAccess(Forbidden):
    """The person's data grant does not reach this bucket, or not this far (`<need>:<bucket>`)."""

    slug, title = "no-data-access", "No access to this data"

    @property
    def detail(self) -> str:
        need, _, bucket = str(self).partition(":")
        doing = {"read": "read", "write": "upload or change", "delete": "delete"}.get(need, need)
        return f"Your data access does not let you {doing} objects in {bucket}. An account administrator can grant it."


def is_platform_role(role: Role) -> bool:
    return role in _PLATFORM_ROLES


def account_scope(role: Role) -> AccountScope:
    """Platform roles act on every account; account roles only on their own (what `authorize` checks)."""
    return "any-account" if is_platform_role(role) else "own-account"


def allowed_actions(role: Role) -> list[Action]:
    """The role's row of ALLOWED, in the order Action declares them, so the console offers only these."""
    return [action for action in Action if action in ALLOWED[role]]


def storage_access(role: Role, grant: DataGrant | None) -> Access:
    """What a person's storage identity (keys, console and CLI credentials) may do in the account's buckets:
    account admins everything, members what their data grant says (read and write everywhere until an
    admin sets one, as before grants existed)."""
    if role == "account-admin":
        return MANAGE
    if grant is None:
        return MEMBER_DEFAULT
    return Access(account=grant.account, buckets=dict(grant.buckets))


def authorize(claims: SessionClaims, action: Action, account_id: str | None = None) -> None:
    """Raises Forbidden unless the role allows the action and, for account roles, the account is theirs."""
    if action not in ALLOWED[claims.role]:
        raise Forbidden(_REFUSALS.get(action, "Your role does not allow this."))
    if account_id is not None and account_scope(claims.role) == "own-account" and claims.acct != account_id:
        raise Forbidden("You can only see your own account.")
