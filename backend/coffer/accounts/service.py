"""Accounts: creating the record, listing, reading usage, disabling, enabling and deleting.

An account id is the storage namespace: 3–20 lowercase letters and digits, starting with a
letter, no separators, so that no namespace is a prefix of another. Provisioning (making the
account real in the storage system) is the saga in `coffer.provisioning`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError, FieldProblem
from coffer.keys.switch import KeySwitch
from coffer.providers.base import BucketInfo, StorageProvider, StorageUnavailable, TemporaryCredentials
from coffer.store.accounts import AccountRecord, AccountStatus, AccountStore, SortKey
from coffer.store.metering import MeteringStore
from coffer.store.users import UserStore

ACCOUNT_ID = re.compile(r"^[a-z][a-z0-9]{2,19}$")
ACCOUNT_ID_RULE = "An account id has 3 to 20 lowercase letters and digits and starts with a letter."
DISPLAY_NAME_RULE = (
    "A name has 1 to 128 characters: letters of any language, digits, single spaces between words"
    " and . , _ + @ - & ' ( ) /."
)
_NAME_MARKS = frozenset(".,_+@-&'()/")


def _is_name_character(character: str) -> bool:
    # Letters and their combining marks in any script ("Société Générale", "株式会社"), and digits.
    return unicodedata.category(character)[0] in "LMN" or character in _NAME_MARKS


def is_display_name(name: str) -> bool:
    """What people call their company: the storage never sees it (the account id is the namespace)."""
    if not 1 <= len(name) <= 128 or name != name.strip() or "  " in name:
        return False
    return all(character == " " or _is_name_character(character) for character in name)


class InvalidAccount(ValueError, DomainError):
    status, slug, title = 422, "invalid-account", "Invalid account"

    def __init__(self, field: str, message: str, *more: FieldProblem) -> None:
        super().__init__(" ".join([message, *(problem.message for problem in more)]))
        self.problems = (FieldProblem(field, message), *more)

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return self.problems


class AccountTaken(DomainError):
    status, slug, title = 409, "account-taken", "Already taken"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(self.field, str(self)),)


@dataclass
class AccountUsage:
    buckets: int
    objects: int
    bytes_used: int
    measured_at: float | None  # the oldest sample used; None while no bucket has been measured yet
    unmeasured_buckets: int = 0  # made since the last capacity sample: not in objects and bytes_used yet


class AccountNotFound(DomainError):
    status, slug, title = 404, "account-not-found", "No such account"

    @property
    def detail(self) -> str:
        return f"There is no account {self}."


class AccountStateConflict(DomainError):
    """The action does not fit the account's status (e.g. enabling a deleted account)."""

    status, slug, title = 409, "account-state", "Not possible now"


_RESERVED_IDS = frozenset({"new"})  # a console path (/accounts/new)


def validate_new_account(account_id: str, display_name: str) -> None:
    """Every field's problem at once, so a form shows them all after one submission."""
    problems: list[FieldProblem] = []
    if not ACCOUNT_ID.fullmatch(account_id):
        problems.append(FieldProblem("id", ACCOUNT_ID_RULE))
    elif account_id in _RESERVED_IDS:
        problems.append(FieldProblem("id", f"The account id {account_id!r} is reserved; choose another."))
    if not is_display_name(display_name):
        problems.append(FieldProblem("display_name", DISPLAY_NAME_RULE))
    if problems:
        first, *more = problems
        raise InvalidAccount(first.field, first.message, *more)


class Accounts:
    def __init__(
        self,
        store: AccountStore,
        users: UserStore,
        samples: MeteringStore,
        provider: StorageProvider,
        key_switch: KeySwitch,
        auditor: Auditor,
        clock: Clock,
    ) -> None:
        self._key_switch = key_switch
        self._store = store
        self._users = users
        self._samples = samples
        self._provider = provider
        self._auditor = auditor
        self._clock = clock

    async def new_record(self, record: AccountRecord) -> AccountRecord:
        """Claims id and name for a new account in status `provisioning`.

        The saga's storage step checks the namespace again once the id is claimed: this early check
        gives the clear answer, that one closes the race with anything made in storage meanwhile."""
        validate_new_account(record.id, record.display_name)
        await self.ensure_namespace_free(record.id)
        outcome = await self._store.create(record)
        if outcome == "id-taken":
            raise AccountTaken("id", f"The account id {record.id!r} is taken.")
        if outcome == "name-taken":
            raise AccountTaken("display_name", f"The name {record.display_name!r} is taken.")
        return record

    async def counts(self) -> dict[AccountStatus, int]:
        return await self._store.count_by_status()

    async def check_available(self, account_id: str, display_name: str) -> None:
        validate_new_account(account_id, display_name)
        if await self._store.get(account_id) is not None:
            raise AccountTaken("id", f"The account id {account_id!r} is taken.")
        if await self._store.name_owner(display_name) is not None:
            raise AccountTaken("display_name", f"The name {display_name!r} is taken.")
        await self.ensure_namespace_free(account_id, reveal=False)

    async def ensure_namespace_free(self, account_id: str, reveal: bool = True) -> None:
        """An account owns exactly its namespace: an id under which the storage system already holds
        buckets or users (the operator's own, say) would hand them to the tenant, bill them and
        purge them with the account, so such an id is refused. Unreachable storage is no refusal:
        the saga's storage step checks again before anything is made."""
        try:
            found = await self._provider.namespace_contents(account_id)
        except StorageUnavailable:
            return  # the saga's storage step checks again, once the storage system answers
        if found and not reveal:  # the public request form: what the storage holds is none of a visitor's business
            raise AccountTaken("id", f"The name {account_id!r} is taken; choose another.")
        if found:
            shown = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
            raise AccountTaken(
                "id",
                f"The name {account_id!r} is taken in the storage system ({shown}); choose another.",
            )

    async def get_many(self, account_ids: list[str]) -> list[AccountRecord]:
        """The records that exist among the ids (deleted accounts are left out)."""
        return await self._store.get_many(account_ids)

    async def get(self, account_id: str) -> AccountRecord:
        account = await self._store.get(account_id)
        if account is None:
            raise AccountNotFound(account_id)
        return account

    async def update(
        self, account_id: str, change: Callable[[AccountRecord], AccountRecord | None]
    ) -> AccountRecord | None:
        """`change` applied atomically to the record as it is now (see AccountStore.update)."""
        return await self._store.update(account_id, change)

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
        account = await self._switch_status(account_id, "disabled")
        await self.end_sessions(account_id)
        await self._key_switch.hold(account_id, "account")
        await self._audit(events.ACCOUNT_DISABLE, actor, account_id, ip)
        return account

    async def enable(self, account_id: str, actor: str, ip: str) -> AccountRecord:
        """Switches back on only the keys the disable switched off (and no other reason holds)."""
        current = await self.get(account_id)
        if current.status not in ("active", "disabled"):
            raise AccountStateConflict(f"An account that is {current.status} cannot be enabled.")
        await self._key_switch.release(account_id, "account")
        account = await self._switch_status(account_id, "active")
        await self._audit(events.ACCOUNT_ENABLE, actor, account_id, ip)
        return account

    async def _switch_status(self, account_id: str, status: AccountStatus) -> AccountRecord:
        refused: list[AccountStatus] = []

        def switched(fresh: AccountRecord) -> AccountRecord | None:
            if fresh.status not in ("active", "disabled"):
                refused.append(fresh.status)
                return None
            fresh.status = status
            return fresh

        account = await self._store.update(account_id, switched)
        if refused:
            verb = "disabled" if status == "disabled" else "enabled"
            raise AccountStateConflict(f"An account that is {refused[-1]} cannot be {verb}.")
        if account is None:
            raise AccountNotFound(account_id)
        return account

    async def end_sessions(self, account_id: str) -> None:
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
