"""Accounts: `coffer:acct:{<id>}:record` (the braces are a Redis Cluster hash tag) and an id index."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel
from redis.asyncio import Redis

from coffer.store.client import PREFIX

AccountStatus = Literal["provisioning", "active", "disabled", "failed", "deleting", "deleted"]


class AccountRecord(BaseModel):
    id: str
    display_name: str
    contact_email: str
    status: AccountStatus
    created_at: float


def _record_key(account_id: str) -> str:
    return f"{PREFIX}:acct:{{{account_id}}}:record"


_INDEX_KEY = f"{PREFIX}:accounts"


class AccountStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def create(self, account: AccountRecord) -> bool:
        """False when the id is taken."""
        created = await self._redis.set(_record_key(account.id), account.model_dump_json(), nx=True)
        if created:
            await self._redis.zadd(_INDEX_KEY, {account.id: account.created_at})
        return bool(created)

    async def get(self, account_id: str) -> AccountRecord | None:
        raw = await self._redis.get(_record_key(account_id))
        return None if raw is None else AccountRecord.model_validate_json(raw)

    async def save(self, account: AccountRecord) -> None:
        await self._redis.set(_record_key(account.id), account.model_dump_json())

    async def ids(self) -> list[str]:
        return [str(member) for member in await self._redis.zrange(_INDEX_KEY, 0, -1)]
