"""Short-lived named locks shared by every BFF instance, for the few check-then-act steps that need one."""

from __future__ import annotations

import uuid

from redis.asyncio import Redis

from coffer.store.client import PREFIX

_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


class LockStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def acquire(self, name: str, ttl_seconds: int) -> str | None:
        """A token when the lock was free (it expires by itself after `ttl_seconds`); None when it is held."""
        token = uuid.uuid4().hex
        taken = await self._redis.set(f"{PREFIX}:lock:{name}", token, nx=True, ex=ttl_seconds)
        return token if taken else None

    async def release(self, name: str, token: str) -> None:
        """Releases only our own hold, never one that expired and was taken by someone else."""
        await self._redis.eval(_RELEASE, 1, f"{PREFIX}:lock:{name}", token)
