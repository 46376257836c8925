"""A person's permanent S3 access keys: made only on request, at most two, the secret shown once.

Coffer never stores a secret: the storage system keeps keys, and the create answer is the only
place the secret appears.
"""

from __future__ import annotations

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.domain_errors import DomainError
from coffer.keys.switch import KeySwitch
from coffer.providers.base import AccessKeyInfo, NewAccessKey, StorageProvider, StorageRefused
from coffer.store.accounts import AccountStore
from coffer.store.locks import LockStore
from coffer.store.users import UserRecord, UserStore

MAX_KEYS_PER_USER = 2  # as in AWS IAM


class KeyLimit(DomainError):
    status, slug, title = 409, "key-limit", "No new key now"


class KeyNotFound(DomainError):
    status, slug, title = 404, "key-not-found", "No such access key"
    detail = "This person has no such access key."


class KeyHeldOff(DomainError):
    """Coffer keeps the key off because its account or its owner is disabled; enable them instead."""

    status, slug, title = 409, "key-held-off", "Key stays off"


class AccessKeys:
    """Every answer from the storage system about a person's keys also records their count, which
    lists of people show without asking the storage system once per person."""

    def __init__(
        self,
        provider: StorageProvider,
        locks: LockStore,
        users: UserStore,
        accounts: AccountStore,
        switch: KeySwitch,
        auditor: Auditor,
    ) -> None:
        self._provider = provider
        self._locks = locks
        self._users = users
        self._accounts = accounts
        self._switch = switch
        self._auditor = auditor

    async def list(self, user: UserRecord) -> list[AccessKeyInfo]:
        keys = await self._provider.list_access_keys(_account(user), user.username)
        await self._users.record_access_key_count(user.id, len(keys))
        return keys

    async def create(self, user: UserRecord, actor: str, ip: str) -> NewAccessKey:
        if user.disabled:
            raise KeyLimit("This person is disabled; enable them before creating keys.")
        account = await self._accounts.get(_account(user))
        if account is None or account.status != "active":
            raise KeyLimit("Keys are made only in an active account; this one is not active.")
        lock = f"keys:{user.id}"
        token = await self._locks.acquire(lock, 30)
        if token is None:
            raise KeyLimit("Another key is being created for this person; try again in a moment.")
        try:
            held = len(await self.list(user))
            if held >= MAX_KEYS_PER_USER:
                raise KeyLimit(f"A person has at most {MAX_KEYS_PER_USER} access keys; delete one first.")
            key = await self._provider.create_access_key(_account(user), user.username)
            await self._users.record_access_key_count(user.id, held + 1)
        finally:
            await self._locks.release(lock, token)
        await self._audit(events.KEY_CREATE, user, key.access_key_id, actor, ip)
        return key

    async def set_active(self, user: UserRecord, access_key_id: str, active: bool, actor: str, ip: str) -> None:
        """Switching a key off is for good: no enable of its account or owner turns it on again."""
        if active:
            held = await self._switch.held_for(_account(user), access_key_id)
            if held:
                whose = " and ".join(
                    sorted({"account": "the account", "person": "its owner"}[reason] for reason in held)
                )
                raise KeyHeldOff(f"This key stays off while {whose} is disabled; enable that first.")
        try:
            await self._provider.set_access_key_active(_account(user), user.username, access_key_id, active)
        except StorageRefused as error:
            raise _not_found(error, access_key_id) from error
        if not active:
            await self._switch.forget(_account(user), access_key_id)
        await self._audit(events.KEY_ACTIVATE if active else events.KEY_DEACTIVATE, user, access_key_id, actor, ip)

    async def delete(self, user: UserRecord, access_key_id: str, actor: str, ip: str) -> None:
        try:
            await self._provider.delete_access_key(_account(user), user.username, access_key_id)
        except StorageRefused as error:
            raise _not_found(error, access_key_id) from error
        await self._switch.forget(_account(user), access_key_id)
        await self.list(user)  # the count shown in lists of people
        await self._audit(events.KEY_DELETE, user, access_key_id, actor, ip)

    async def _audit(self, action: str, user: UserRecord, key_id: str, actor: str, ip: str) -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=actor,
                result="success",
                target=user.username,
                account_id=user.account_id or "",
                ip=ip,
                detail=key_id,
            )
        )


def _account(user: UserRecord) -> str:
    if user.account_id is None:
        raise KeyNotFound("Staff have no storage identity, so no access keys.")
    return user.account_id


def _not_found(error: StorageRefused, access_key_id: str) -> Exception:
    return KeyNotFound(access_key_id) if "NoSuchEntity" in str(error) else error
