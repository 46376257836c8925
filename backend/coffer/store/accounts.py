"""Accounts: `coffer:acct:{<id>}:record` (the braces are a Redis Cluster hash tag) and the indexes that list them.

Listing never reads every record: per status (and `all`) there is a sorted set by creation time
and one by name, paged by offset; search is a prefix match on a lexicographic index of names,
ids and contact addresses. Display names are unique case-insensitively through a hash.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Literal, get_args

from pydantic import BaseModel

from coffer.store.client import PREFIX, RedisClient, RedisPipeline, read_many
from coffer.store.records import rewrite

# `waiting`: provisioning paused while the storage system is unreachable; it resumes by itself.
AccountStatus = Literal["provisioning", "waiting", "active", "disabled", "failed", "deleting", "deleted"]
StepStatus = Literal["pending", "waiting", "done", "failed"]
SortKey = Literal["name", "-name", "created", "-created"]

_NAMES = f"{PREFIX}:accounts:names"
_SEARCH = f"{PREFIX}:accounts:search"
_SEARCH_LIMIT = 1000


class SagaStepRecord(BaseModel):
    name: str
    status: StepStatus = "pending"
    error: str | None = None
    at: float | None = None


def mark_step(steps: list[SagaStepRecord], name: str, status: StepStatus, error: str | None, at: float) -> None:
    """Records one step's outcome in a saga's list of steps (provisioning or deletion)."""
    for step in steps:
        if step.name == name:
            step.status, step.error, step.at = status, error, at


class AccountRecord(BaseModel):
    id: str
    display_name: str
    contact_email: str
    status: AccountStatus
    created_at: float
    quota_bytes: int | None = None
    quota_objects: int | None = None
    quota_warning_percent: int = 80
    quota_critical_percent: int = 90
    admin_name: str = ""
    admin_email: str = ""
    admin_user_id: str | None = None
    steps: list[SagaStepRecord] = []
    request_id: str | None = None
    deletion_steps: list[SagaStepRecord] = []  # once deleting: what is done, what waits or failed
    purge_data: bool = False  # the deletion was asked to delete every object too


def _record_key(account_id: str) -> str:
    return f"{PREFIX}:acct:{{{account_id}}}:record"


def _by_created(status: str) -> str:
    return f"{PREFIX}:accounts:{status}:by-created"


def _by_name(status: str) -> str:
    return f"{PREFIX}:accounts:{status}:by-name"


def _name_member(account: AccountRecord) -> str:
    return f"{account.display_name.casefold()}\x00{account.id}"


def _name_key(display_name: str) -> str:
    """One name however it is written: "Société" typed with a composed or a combining accent, any case."""
    return unicodedata.normalize("NFKC", display_name).casefold()


def _search_terms(account: AccountRecord) -> list[str]:
    terms = {account.display_name.casefold(), account.id, account.contact_email.casefold()}
    return [f"{term}\x00{account.id}" for term in terms]


class AccountStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def create(self, account: AccountRecord) -> Literal["created", "id-taken", "name-taken"]:
        """Claims the display name (case-insensitively) and the id; nothing is written when either is taken."""
        if not await self._redis.hsetnx(_NAMES, _name_key(account.display_name), account.id):
            return "name-taken"
        if not await self._redis.set(_record_key(account.id), account.model_dump_json(), nx=True):
            await self._redis.hdel(_NAMES, _name_key(account.display_name))
            return "id-taken"
        async with self._redis.pipeline(transaction=True) as pipe:
            for status in ("all", account.status):
                pipe.zadd(_by_created(status), {account.id: account.created_at})
                pipe.zadd(_by_name(status), {_name_member(account): 0})
            pipe.zadd(_SEARCH, dict.fromkeys(_search_terms(account), 0))
            await pipe.execute()
        return "created"

    async def get(self, account_id: str) -> AccountRecord | None:
        raw = await self._redis.get(_record_key(account_id))
        return None if raw is None else AccountRecord.model_validate_json(raw)

    async def get_many(self, account_ids: list[str]) -> list[AccountRecord]:
        if not account_ids:
            return []
        raws = await read_many(self._redis, [_record_key(account_id) for account_id in account_ids])
        return [AccountRecord.model_validate_json(raw) for raw in raws if raw is not None]

    async def update(
        self, account_id: str, change: Callable[[AccountRecord], AccountRecord | None]
    ) -> AccountRecord | None:
        """Applies `change` to the record as it is now and writes the result atomically (WATCH/MULTI).

        When another writer got in between, `change` runs again on the fresh record, so no change
        undoes another (a quota change beside a disable, a saga step beside a retry). `change` gets
        a copy and returns the new record, or None to leave it alone (its precondition no longer
        holds); the answer is the record written, or None when nothing was. A changed status moves
        the record between the status indexes in the same transaction.
        """
        written: list[AccountRecord] = []

        def plan(raw: str) -> Callable[[RedisPipeline], None] | None:
            before = AccountRecord.model_validate_json(raw)
            after = change(before.model_copy(deep=True))
            if after is None:
                return None
            after = AccountRecord.model_validate(after.model_dump())
            written[:] = [after]

            def writes(pipe: RedisPipeline) -> None:
                pipe.set(_record_key(account_id), after.model_dump_json())
                if before.status != after.status:
                    pipe.zrem(_by_created(before.status), account_id)
                    pipe.zrem(_by_name(before.status), _name_member(before))
                    pipe.zadd(_by_created(after.status), {account_id: after.created_at})
                    pipe.zadd(_by_name(after.status), {_name_member(after): 0})

            return writes

        return written[0] if await rewrite(self._redis, _record_key(account_id), plan) else None

    async def name_owner(self, display_name: str) -> str | None:
        owner = await self._redis.hget(_NAMES, _name_key(display_name))
        return None if owner is None else str(owner)

    async def ids_with_status(self, status: AccountStatus) -> list[str]:
        """Every account in one status, oldest first (for the few in `waiting` or `provisioning`)."""
        return [str(member) for member in await self._redis.zrange(_by_created(status), 0, -1)]

    async def page(self, status: str | None, sort: SortKey, offset: int, limit: int) -> tuple[list[str], bool]:
        """Account ids of one page, and whether more follow."""
        index = status or "all"
        if sort.endswith("name"):
            members = await (self._redis.zrevrange if sort.startswith("-") else self._redis.zrange)(
                _by_name(index), offset, offset + limit
            )
            ids = [str(member).rsplit("\x00", 1)[1] for member in members]
        else:
            members = await (self._redis.zrevrange if sort.startswith("-") else self._redis.zrange)(
                _by_created(index), offset, offset + limit
            )
            ids = [str(member) for member in members]
        return ids[:limit], len(ids) > limit

    async def search(self, prefix: str) -> list[str]:
        """Ids of accounts whose name, id or contact starts with `prefix` (case-insensitive), at most 1000."""
        prefix = prefix.casefold()
        members = await self._redis.zrangebylex(_SEARCH, f"[{prefix}", f"[{prefix}\xff", start=0, num=_SEARCH_LIMIT)
        return list(dict.fromkeys(str(member).rsplit("\x00", 1)[1] for member in members))

    async def count(self, status: str | None = None) -> int:
        return int(await self._redis.zcard(_by_created(status or "all")))

    async def count_by_status(self) -> dict[AccountStatus, int]:
        """How many accounts are in each status, in one round trip."""
        statuses: tuple[AccountStatus, ...] = get_args(AccountStatus)
        async with self._redis.pipeline(transaction=False) as pipe:
            for status in statuses:
                pipe.zcard(_by_created(status))
            counts = await pipe.execute()
        return {status: int(count) for status, count in zip(statuses, counts, strict=True)}

    async def claim_idempotency_key(self, key: str, account_id: str) -> str | None:
        """None when the key is new (now bound to `account_id`); else the account it was first used for."""
        stored_key = _idempotency_key(key)
        if await self._redis.set(stored_key, account_id, nx=True, ex=86400):
            return None
        existing = await self._redis.get(stored_key)
        return None if existing is None else str(existing)

    async def release_idempotency_key(self, key: str) -> None:
        """Forgets a key whose create was refused before anything was made, so the form may be fixed and resent."""
        await self._redis.delete(_idempotency_key(key))


def _idempotency_key(key: str) -> str:
    return f"{PREFIX}:idempotency:account-create:{key}"
