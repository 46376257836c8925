"""Administrators run people: list, invite, disable, unlock, reset, change role, delete.

A scope is either the platform (staff, managed by platform admins) or one account (its people,
managed by its account admins and by platform admins). Every change to a person who is signed in
bumps their session version, so it takes effect at their next request.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from typing import Literal

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.domain_errors import DomainError
from coffer.keys.switch import KeySwitch
from coffer.mail import templates
from coffer.mail.service import Mailer
from coffer.providers.base import StorageProvider, StorageRefused, StorageUnavailable
from coffer.store.accounts import AccountStore
from coffer.store.users import Role, UserRecord, UserStore
from coffer.users.service import CreatedUser, InvalidUser, UserRegistry
from coffer.users.storage_identity import StorageIdentity
from coffer.verification.regulation import Regulator

PLATFORM_ROLES: tuple[Role, ...] = ("platform-admin", "platform-manager", "platform-viewer")
ACCOUNT_ROLES: tuple[Role, ...] = ("account-admin", "account-member")
UserStatus = Literal["enabled", "disabled", "locked"]
UserSort = Literal["username", "-username", "created", "-created", "last_sign_in", "-last_sign_in"]


class UserNotFound(DomainError):
    status, slug, title = 404, "user-not-found", "No such user"
    detail = "There is no such user here."


class NoSuchAccount(DomainError):
    """People are invited into an account that exists (or existed: a deleted one takes nobody)."""

    status, slug, title = 404, "account-not-found", "No such account"

    @property
    def detail(self) -> str:
        return f"There is no account {self}."


class AccountNotActive(DomainError):
    """People join an active account: a disabled one's people cannot sign in, and one still being
    set up (or failed) may not have its storage side yet."""

    status, slug, title = 409, "account-state", "Not possible now"


_NOT_ACTIVE = {
    "provisioning": "is still being set up; add people once it is active",
    "waiting": "is waiting for the storage system; add people once it is active",
    "failed": "failed to be set up; retry it first",
    "disabled": "is disabled; enable it first",
    "deleting": "is being deleted",
}


class NotOnYourself(DomainError):
    """Disabling, deleting or demoting oneself would lock the actor out; another admin must do it."""

    status, slug, title = 409, "not-on-yourself", "Not on yourself"


@dataclass(frozen=True)
class Scope:
    """The platform (account_id None) or one account."""

    account_id: str | None

    @property
    def roles(self) -> tuple[Role, ...]:
        return PLATFORM_ROLES if self.account_id is None else ACCOUNT_ROLES


@dataclass(frozen=True)
class Person:
    user: UserRecord
    locked_until: float | None
    access_keys: int | None = None  # listed people of an account; None when not asked or not known

    @property
    def mfa_enrolled(self) -> bool:
        return self.user.totp_secret_sealed is not None


@dataclass(frozen=True)
class Actor:
    user_id: str
    username: str
    ip: str


class People:
    def __init__(
        self,
        store: UserStore,
        users: UserRegistry,
        regulator: Regulator,
        provider: StorageProvider,
        key_switch: KeySwitch,
        mailer: Mailer,
        auditor: Auditor,
        console_url: str,
        accounts: AccountStore,
    ) -> None:
        self._key_switch = key_switch
        self._accounts = accounts
        self._store = store
        self._users = users
        self._regulator = regulator
        self._provider = provider
        self._mailer = mailer
        self._auditor = auditor
        self._console_url = console_url
        self._storage_identity = StorageIdentity(store, provider)

    async def page(
        self,
        scope: Scope,
        query: str,
        role: Role | None,
        status: UserStatus | None,
        sort: UserSort,
        offset: int,
        limit: int,
    ) -> tuple[list[Person], bool]:
        """One page of the scope's people; a scope holds tens to hundreds, so it is filtered in memory."""
        ids = await (
            self._store.platform_user_ids()
            if scope.account_id is None
            else self._store.account_user_ids(scope.account_id)
        )
        users = await self._store.get_many(sorted(ids))
        locks = await self._regulator.locked_until_many([user.username for user in users])
        people = [Person(user, until) for user, until in zip(users, locks, strict=True)]
        needle = query.strip().casefold()
        people = [
            person
            for person in people
            if (
                not needle
                or any(
                    needle in text.casefold()
                    for text in (person.user.username, person.user.display_name, person.user.email)
                )
            )
            and (role is None or person.user.role == role)
            and (status is None or _status(person) == status)
        ]
        key = sort.lstrip("-")
        people.sort(
            key=lambda person: (
                person.user.username
                if key == "username"
                else person.user.created_at
                if key == "created"
                else person.user.last_sign_in_at or 0.0
            ),
            reverse=sort.startswith("-"),
        )
        shown = people[offset : offset + limit]
        if scope.account_id is not None:
            shown = await self._with_key_counts(scope.account_id, shown)
        return shown, len(people) > offset + limit

    async def _with_key_counts(self, account_id: str, shown: list[Person]) -> list[Person]:
        """Counts recorded by the access-key service; the storage system is asked only where none is."""
        counts = await self._store.access_key_counts([person.user.id for person in shown])
        unknown = [index for index, count in enumerate(counts) if count is None]
        asked = await asyncio.gather(*(self._key_count(account_id, shown[index].user) for index in unknown))
        for index, count in zip(unknown, asked, strict=True):
            counts[index] = count
        return [replace(person, access_keys=count) for person, count in zip(shown, counts, strict=True)]

    async def _key_count(self, account_id: str, user: UserRecord) -> int | None:
        try:
            count = len(await self._provider.list_access_keys(account_id, user.username))
        except (StorageUnavailable, StorageRefused):
            return None
        await self._store.record_access_key_count(user.id, count)
        return count

    async def get(self, scope: Scope, user_id: str) -> Person:
        user = await self._store.get(user_id)
        if user is None or user.account_id != scope.account_id:
            raise UserNotFound(user_id)
        return Person(user, await self._regulator.locked_until(user.username))

    async def invite(
        self, scope: Scope, username: str, display_name: str, email: str, role: Role, actor: Actor
    ) -> Person:
        self._check_role(scope, role)
        if scope.account_id is not None:
            account = await self._accounts.get(scope.account_id)
            if account is None or account.status == "deleted":
                raise NoSuchAccount(scope.account_id)  # before any storage user exists for it
            if account.status != "active":
                raise AccountNotActive(f"The account {account.id} {_NOT_ACTIVE.get(account.status, 'is not active')}.")
        created: CreatedUser = await self._users.create(
            username, display_name, email, role, scope.account_id, actor=actor.username
        )
        await self._mailer.send(
            [email],
            templates.invited_user(display_name, created.user.username, created.one_time_password, self._console_url),
        )
        return Person(created.user, None)

    async def set_enabled(self, scope: Scope, user_id: str, enabled: bool, actor: Actor) -> Person:
        person = await self.get(scope, user_id)
        if not enabled:
            self._not_self(person.user, actor)
        user = await self._store.update(person.user.id, disabled=not enabled)
        if user is None:
            raise UserNotFound(user_id)
        if not enabled:
            await self._store.bump_version(user.id)
        if scope.account_id is not None:
            if enabled:
                await self._key_switch.release(scope.account_id, "person", user.username)
            else:
                await self._key_switch.hold(scope.account_id, "person", user.username)
        await self._audit(events.USER_ENABLE if enabled else events.USER_DISABLE, user, actor)
        return Person(user, person.locked_until)

    async def unlock(self, scope: Scope, user_id: str, actor: Actor) -> Person:
        person = await self.get(scope, user_id)
        await self._regulator.unlock(person.user.username)
        await self._audit(events.USER_UNLOCK, person.user, actor)
        return Person(person.user, None)

    async def reset_password(self, scope: Scope, user_id: str, actor: Actor) -> Person:
        """Mails a new one-time password; the person's sessions end and the lock is lifted."""
        person = await self.get(scope, user_id)
        password = await self._users.reset_one_time_password(person.user.id)
        await self._regulator.unlock(person.user.username)
        await self._mailer.send(
            [person.user.email],
            templates.password_reset_by_admin(
                person.user.display_name, person.user.username, password, self._console_url
            ),
        )
        await self._audit(events.USER_RESET_PASSWORD, person.user, actor)
        return await self.get(scope, user_id)

    async def end_sessions(self, scope: Scope, user_id: str, actor: Actor) -> Person:
        """Every session of the person ends at its next request (a stolen device, a leaver)."""
        person = await self.get(scope, user_id)
        self._not_self(person.user, actor)
        await self._store.bump_version(person.user.id)
        await self._audit(events.USER_END_SESSIONS, person.user, actor)
        return person

    async def reset_mfa(self, scope: Scope, user_id: str, actor: Actor) -> Person:
        """For a lost device: the authenticator and recovery codes are forgotten, sessions end, and the
        person enrolls again at their next sign-in."""
        person = await self.get(scope, user_id)
        await self._store.update(person.user.id, totp_secret_sealed=None)
        person.user.totp_secret_sealed = None
        await self._store.replace_recovery_codes(person.user.id, [])
        await self._store.bump_version(person.user.id)
        await self._mailer.send([person.user.email], templates.mfa_reset_by_admin(person.user.display_name))
        await self._audit(events.USER_RESET_MFA, person.user, actor)
        return person

    async def change_role(self, scope: Scope, user_id: str, role: Role, actor: Actor) -> Person:
        self._check_role(scope, role)
        person = await self.get(scope, user_id)
        if person.user.role == role:
            return person
        self._not_self(person.user, actor)
        user = await self._store.update(person.user.id, role=role)
        if user is None:
            raise UserNotFound(user_id)
        person = Person(user, person.locked_until)
        await self._store.bump_version(person.user.id)
        await self._storage_identity.follow_record(person.user.id)
        await self._audit(events.USER_ROLE, person.user, actor, detail=role)
        return person

    async def delete(self, scope: Scope, user_id: str, confirm_username: str, actor: Actor) -> None:
        person = await self.get(scope, user_id)
        if confirm_username.strip().casefold() != person.user.username.casefold():
            raise InvalidUser("Type the username to confirm the deletion.")
        self._not_self(person.user, actor)
        if scope.account_id is not None:
            await self._provider.delete_account_user(scope.account_id, person.user.username)
        await self._store.bump_version(person.user.id)
        await self._store.delete(person.user)
        await self._audit(events.USER_DELETE, person.user, actor)

    @staticmethod
    def _check_role(scope: Scope, role: Role) -> None:
        if role not in scope.roles:
            where = "the platform" if scope.account_id is None else "an account"
            raise InvalidUser(f"The role {role} does not belong to {where}; choose one of {', '.join(scope.roles)}.")

    @staticmethod
    def _not_self(user: UserRecord, actor: Actor) -> None:
        if user.id == actor.user_id:
            raise NotOnYourself("You cannot do this to yourself; ask another administrator.")

    async def _audit(self, action: str, user: UserRecord, actor: Actor, detail: str = "") -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=actor.username,
                result="success",
                target=user.username,
                account_id=user.account_id or "",
                ip=actor.ip,
                detail=detail,
            )
        )


def _status(person: Person) -> UserStatus:
    if person.user.disabled:
        return "disabled"
    return "locked" if person.locked_until is not None else "enabled"
