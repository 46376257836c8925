"""Creating accounts and reading what they hold.

An account id is the storage namespace: 3–20 lowercase letters and digits, starting with a
letter, no separators, so that no namespace is a prefix of another.
"""

from __future__ import annotations

import re

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.providers.base import BucketInfo, StorageProvider, TemporaryCredentials
from coffer.store.accounts import AccountRecord, AccountStore

ACCOUNT_ID = re.compile(r"^[a-z][a-z0-9]{2,19}$")


class InvalidAccountId(ValueError):
    pass


class AccountIdTaken(Exception):
    pass


class Accounts:
    def __init__(self, store: AccountStore, provider: StorageProvider, auditor: Auditor, clock: Clock) -> None:
        self._store = store
        self._provider = provider
        self._auditor = auditor
        self._clock = clock

    async def create(self, account_id: str, display_name: str, contact_email: str, actor: str) -> AccountRecord:
        if not ACCOUNT_ID.fullmatch(account_id):
            raise InvalidAccountId("An account id has 3 to 20 lowercase letters and digits and starts with a letter.")
        record = AccountRecord(
            id=account_id,
            display_name=display_name,
            contact_email=contact_email,
            status="provisioning",
            created_at=self._clock.now(),
        )
        if not await self._store.create(record):
            raise AccountIdTaken(f"The account id {account_id!r} is taken.")
        await self._provider.create_account(account_id)
        record.status = "active"
        await self._store.save(record)
        await self._auditor.record(
            AuditEvent(
                action=events.ACCOUNT_CREATE, actor=actor, result="success", target=account_id, account_id=account_id
            )
        )
        return record

    async def get(self, account_id: str) -> AccountRecord | None:
        return await self._store.get(account_id)

    async def buckets_as_user(self, credentials: TemporaryCredentials) -> list[BucketInfo]:
        return await self._provider.list_buckets_as(credentials)

    async def buckets_as_platform(self, account_id: str) -> list[BucketInfo]:
        return await self._provider.list_account_buckets(account_id)
