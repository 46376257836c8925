"""Creating console users with a one-time password they must change at first sign-in."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

import anyio.to_thread

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.authorization import is_platform_role, storage_access
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.providers.base import StorageProvider
from coffer.store.users import Role, UserRecord, UserStore
from coffer.verification.passwords import Passwords

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,63}$")
BOOTSTRAP_ADMIN = "admin"


class InvalidUser(ValueError, DomainError):
    status, slug, title = 422, "invalid-user", "Invalid user"


class UsernameTaken(DomainError):
    status, slug, title = 409, "username-taken", "Username taken"


@dataclass(frozen=True)
class CreatedUser:
    user: UserRecord
    one_time_password: str


class UserRegistry:
    """Who the console's people are: creating them (with their storage identity) and finding them."""

    def __init__(
        self, store: UserStore, passwords: Passwords, provider: StorageProvider, auditor: Auditor, clock: Clock
    ) -> None:
        self._store = store
        self._passwords = passwords
        self._provider = provider
        self._auditor = auditor
        self._clock = clock

    async def create(
        self, username: str, display_name: str, email: str, role: Role, account_id: str | None, actor: str
    ) -> CreatedUser:
        username = username.strip().lower()
        if not USERNAME.fullmatch(username):
            raise InvalidUser("A username has 2 to 64 lowercase letters, digits and . _ @ + -.")
        if is_platform_role(role) != (account_id is None):
            raise InvalidUser("Platform roles belong to no account; account roles need one.")
        password = Passwords.one_time()
        user = UserRecord(
            id=uuid.uuid4().hex,
            username=username,
            display_name=display_name or username,
            email=email,
            role=role,
            account_id=account_id,
            password_hash=await anyio.to_thread.run_sync(self._passwords.hash, password),
            must_change_password=True,
            created_at=self._clock.now(),
        )
        # The username is claimed before anything is made in storage: a taken name must leave the
        # existing person's storage identity (their policy, their keys) exactly as it was.
        if not await self._store.create(user):
            raise UsernameTaken(f"The username {username!r} is taken.")
        if account_id is not None:
            try:
                await self._provider.create_account_user(account_id, username, storage_access(role, None))
            except BaseException:
                await self._store.delete(user)
                raise
        await self._auditor.record(
            AuditEvent(
                action=events.USER_CREATE,
                actor=actor,
                result="success",
                target=user.id,
                account_id=account_id or "",
                detail=role,
            )
        )
        return CreatedUser(user=user, one_time_password=password)

    async def reset_one_time_password(self, user_id: str) -> str:
        """A new first password (to be changed at sign-in); ends the user's sessions."""
        user = await self._store.get(user_id)
        if user is None:
            raise InvalidUser("No such user.")
        password = Passwords.one_time()
        password_hash = await anyio.to_thread.run_sync(self._passwords.hash, password)
        if await self._store.update(user.id, password_hash=password_hash, must_change_password=True) is None:
            raise InvalidUser("No such user.")
        await self._store.bump_version(user.id)
        return password

    async def get(self, user_id: str) -> UserRecord | None:
        return await self._store.get(user_id)

    async def by_username(self, username: str) -> UserRecord | None:
        return await self._store.get_by_username(username)

    async def staff_emails(self) -> list[str]:
        """Addresses of platform admins and managers (who decide on account requests)."""
        staff = await self._store.get_many(sorted(await self._store.platform_user_ids()))
        return [
            user.email for user in staff if user.role in ("platform-admin", "platform-manager") and not user.disabled
        ]

    async def ensure_bootstrap_admin(self) -> CreatedUser | None:
        """On a deployment with no users, creates the platform admin `admin`. At a later start, while
        `admin` has never signed in, gives it a new one-time password to show: only a hash of the first
        was kept, and whoever starts the console must still be able to sign in. None otherwise."""
        if not await self._store.any_user_exists():
            try:
                return await self.create(
                    BOOTSTRAP_ADMIN,
                    "Platform administrator",
                    "admin@localhost",
                    "platform-admin",
                    None,
                    actor="bootstrap",
                )
            except UsernameTaken:
                return None
        admin = await self._store.get_by_username(BOOTSTRAP_ADMIN)
        if admin is None or admin.role != "platform-admin":
            return None
        if admin.last_sign_in_at is not None or not admin.must_change_password:
            return None  # admin has signed in, or has a password of their own: nothing to show
        password = await self.reset_one_time_password(admin.id)
        await self._auditor.record(
            AuditEvent(action=events.USER_RESET_PASSWORD, actor="bootstrap", result="success", target=admin.id)
        )
        return CreatedUser(user=admin, one_time_password=password)
