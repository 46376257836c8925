"""Short-lived named locks shared by every BFF instance, for the few check-then-act steps that need one."""

from __future__ import annotations

import uuid

from coffer.store.client import PREFIX, RedisClient

_RENEW = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('expire', KEYS[1], ARGV[2]) end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""


def lock_key(name: str) -> str:
    return f"{PREFIX}:lock:{name}"


class LockStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def acquire(self, name: str, ttl_seconds: int) -> str | None:
        """A token when the lock was free (it expires by itself after `ttl_seconds`); None when it is held."""
        token = uuid.uuid4().hex
        taken = await self._redis.set(lock_key(name), token, nx=True, ex=ttl_seconds)
        return token if taken else None

    async def renew(self, name: str, token: str, ttl_seconds: int) -> bool:
        """Extends our own hold; False when it had expired (someone else may hold it now)."""
        return bool(await self._redis.eval(_RENEW, 1, lock_key(name), token, str(ttl_seconds)))

    async def release(self, name: str, token: str) -> None:
        """Releases only our own hold, never one that expired and was taken by someone else."""
        await self._redis.eval(_RELEASE, 1, lock_key(name), token)
