"""Which shape of storage policies every person's storage identity was last written with, deployment-wide."""

from __future__ import annotations

from coffer.store.client import PREFIX, RedisClient

_MARK = f"{PREFIX}:storage-policies:written-as"


class PolicyMarkStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def get(self) -> str | None:
        value = await self._redis.get(_MARK)
        return None if value is None else str(value)

    async def set(self, mark: str) -> None:
        await self._redis.set(_MARK, mark)
