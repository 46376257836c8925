"""Sealed temporary storage credentials of a session, under its `sid`, expiring with them."""

from __future__ import annotations

from coffer.store.client import PREFIX, RedisClient


def _key(sid: str) -> str:
    return f"{PREFIX}:session:{sid}:storage-credentials"


class CredentialStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def put(self, sid: str, sealed: str, ttl_seconds: int) -> None:
        await self._redis.set(_key(sid), sealed, ex=max(ttl_seconds, 1))

    async def get(self, sid: str) -> str | None:
        value = await self._redis.get(_key(sid))
        return None if value is None else str(value)

    async def delete(self, sid: str) -> None:
        await self._redis.delete(_key(sid))
