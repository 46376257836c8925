"""Accounts: creating the record, listing, reading usage, disabling, enabling and deleting.

An account id is the storage namespace: 3–20 lowercase letters and digits, starting with a
letter, no separators, so that no namespace is a prefix of another. Provisioning (making the
account real in the storage system) is the saga in `coffer.provisioning`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.providers.base import BucketInfo, StorageProvider, TemporaryCredentials
from coffer.store.accounts import AccountRecord, AccountStatus, AccountStore, SortKey
from coffer.store.metering import MeteringStore
from coffer.store.users import UserStore

ACCOUNT_ID = re.compile(r"^[a-z][a-z0-9]{2,19}$")
DISPLAY_NAME = re.compile(r"^[A-Za-z0-9._+@-]{1,128}$")
ACCOUNT_ID_RULE = "An account id has 3 to 20 lowercase letters and digits and starts with a letter."
DISPLAY_NAME_RULE = "A name has 1 to 128 letters, digits and . _ + @ - (no spaces)."


class InvalidAccount(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class AccountTaken(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass
class AccountUsage:
    buckets: int
    objects: int
    bytes_used: int
    measured_at: float | None  # the oldest sample used; None while no bucket has been measured yet
    unmeasured_buckets: int = 0  # made since the last capacity sample: not in objects and bytes_used yet


class AccountNotFound(Exception):
    pass


class AccountStateConflict(Exception):
    """The action does not fit the account's status (e.g. enabling a deleted account)."""


_RESERVED_IDS = frozenset({"new"})  # a console path (/accounts/new)


def validate_new_account(account_id: str, display_name: str) -> None:
    if not ACCOUNT_ID.fullmatch(account_id):
        raise InvalidAccount("id", ACCOUNT_ID_RULE)
    if account_id in _RESERVED_IDS:
        raise InvalidAccount("id", f"The account id {account_id!r} is reserved; choose another.")
    if not DISPLAY_NAME.fullmatch(display_name):
        raise InvalidAccount("display_name", DISPLAY_NAME_RULE)


class Accounts:
    def __init__(
        self,
        store: AccountStore,
        users: UserStore,
        samples: MeteringStore,
        provider: StorageProvider,
        auditor: Auditor,
        clock: Clock,
    ) -> None:
        self._store = store
        self._users = users
        self._samples = samples
        self._provider = provider
        self._auditor = auditor
        self._clock = clock

    async def new_record(self, record: AccountRecord) -> AccountRecord:
        """Claims id and name for a new account in status `provisioning`."""
        validate_new_account(record.id, record.display_name)
        outcome = await self._store.create(record)
        if outcome == "id-taken":
            raise AccountTaken("id", f"The account id {record.id!r} is taken.")
        if outcome == "name-taken":
            raise AccountTaken("display_name", f"The name {record.display_name!r} is taken.")
        return record

    async def check_available(self, account_id: str, display_name: str) -> None:
        validate_new_account(account_id, display_name)
        if await self._store.get(account_id) is not None:
            raise AccountTaken("id", f"The account id {account_id!r} is taken.")
        if await self._store.name_owner(display_name) is not None:
            raise AccountTaken("display_name", f"The name {display_name!r} is taken.")

    async def get_many(self, account_ids: list[str]) -> list[AccountRecord]:
        """The records that exist among the ids (deleted accounts are left out)."""
        return await self._store.get_many(account_ids)

    async def get(self, account_id: str) -> AccountRecord:
        account = await self._store.get(account_id)
        if account is None:
            raise AccountNotFound(account_id)
        return account

    async def save(self, account: AccountRecord, previous_status: AccountStatus | None = None) -> None:
        await self._store.save(account, previous_status)

    async def page(
        self, query: str, status: AccountStatus | None, sort: SortKey, offset: int, limit: int
    ) -> tuple[list[AccountRecord], bool]:
        """One page of accounts and whether more follow; search is a prefix match on name, id or contact."""
        if query.strip():
            matches = await self._store.get_many(await self._store.search(query.strip()))
            if status is not None:
                matches = [account for account in matches if account.status == status]
            key = (lambda a: a.display_name.casefold()) if sort.endswith("name") else (lambda a: a.created_at)
            matches.sort(key=key, reverse=sort.startswith("-"))
            items = matches[offset : offset + limit]
            more = len(matches) > offset + limit
        else:
            ids, more = await self._store.page(status, sort, offset, limit)
            items = await self._store.get_many(ids)
        return items, more

    async def user_count(self, account_id: str) -> int:
        return len(await self._users.account_user_ids(account_id))

    async def usage(self, account_id: str) -> AccountUsage:
        """From the metering collector's last sample of each bucket. Counting a bucket means listing
        every object in it, which no page view may wait for: a bucket made since the last sample is
        shown as not measured yet, and the next capacity cycle measures it."""
        names = [bucket.name for bucket in await self._provider.list_account_buckets(account_id)]
        usage = AccountUsage(buckets=len(names), objects=0, bytes_used=0, measured_at=None)
        for sample in await self._samples.latest_samples_of(names):
            if sample is None:
                usage.unmeasured_buckets += 1
            else:
                usage.objects += sample.objects
                usage.bytes_used += sample.bytes
                usage.measured_at = min(sample.at, usage.measured_at or sample.at)
        return usage

    async def disable(self, account_id: str, actor: str, ip: str) -> AccountRecord:
        """People of a disabled account cannot sign in, their sessions end, their access keys stop working."""
        account = await self.get(account_id)
        if account.status not in ("active", "disabled"):
            raise AccountStateConflict(f"An account that is {account.status} cannot be disabled.")
        previous = account.status
        account.status = "disabled"
        await self._store.save(account, previous)
        await self._end_sessions(account_id)
        await self._provider.set_account_keys_active(account_id, False)
        await self._audit(events.ACCOUNT_DISABLE, actor, account_id, ip)
        return account

    async def enable(self, account_id: str, actor: str, ip: str) -> AccountRecord:
        account = await self.get(account_id)
        if account.status not in ("active", "disabled"):
            raise AccountStateConflict(f"An account that is {account.status} cannot be enabled.")
        await self._provider.set_account_keys_active(account_id, True)
        previous = account.status
        account.status = "active"
        await self._store.save(account, previous)
        await self._audit(events.ACCOUNT_ENABLE, actor, account_id, ip)
        return account

    async def delete(self, account_id: str, confirm_name: str, purge_data: bool, actor: str, ip: str) -> AccountRecord:
        """Deleting keeps the record (status `deleted`) for billing; identities, keys and buckets go."""
        account = await self.get(account_id)
        if confirm_name != account.display_name:
            raise InvalidAccount("confirm_name", "Type the account's name exactly to confirm.")
        if account.status == "deleted":
            return account
        if account.status == "provisioning":
            raise AccountStateConflict("The account is still being provisioned; wait until it is active or failed.")
        previous = account.status
        await self._provider.delete_account(account_id, purge_data)  # refuses, changing nothing, if data is left
        account.status = "deleting"
        await self._store.save(account, previous)
        await self._end_sessions(account_id)
        account.status = "deleted"
        await self._store.save(account, "deleting")
        await self._audit(events.ACCOUNT_DELETE, actor, account_id, ip, "purged data" if purge_data else "")
        return account

    async def _end_sessions(self, account_id: str) -> None:
        for user_id in await self._users.account_user_ids(account_id):
            await self._users.bump_version(user_id)

    async def buckets_as_user(self, credentials: TemporaryCredentials) -> list[BucketInfo]:
        return await self._provider.list_buckets_as(credentials)

    async def buckets_as_platform(self, account_id: str) -> list[BucketInfo]:
        return await self._provider.list_account_buckets(account_id)

    async def _audit(self, action: str, actor: str, account_id: str, ip: str, detail: str = "") -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=actor,
                result="success",
                target=account_id,
                account_id=account_id,
                ip=ip,
                detail=detail,
            )
        )
