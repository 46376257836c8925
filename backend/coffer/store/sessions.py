"""Revocation data of stateless sessions: a deny entry per signed-out `sid`, read with the user's version.

The check is one pipelined round trip, so it costs the same as one GET.
"""

from __future__ import annotations

from redis.asyncio import Redis

from coffer.store.client import PREFIX
from coffer.store.users import version_key


def _denied_key(sid: str) -> str:
    return f"{PREFIX}:session:denied:{sid}"


def _used_token_key(jti: str) -> str:
    return f"{PREFIX}:token:used:{jti}"


class SessionStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def deny(self, sid: str, until: float) -> None:
        """The `sid` stays refused until its longest possible expiry."""
        await self._redis.set(_denied_key(sid), "1", exat=max(int(until) + 1, 1))

    async def revocation_state(self, sid: str, user_id: str) -> tuple[bool, int]:
        """(is the sid denied, the user's current version) in one round trip."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.exists(_denied_key(sid))
            pipe.get(version_key(user_id))
            denied, version = await pipe.execute()
        return bool(denied), int(version) if version is not None else 0

    async def spend_token(self, jti: str, ttl_seconds: int) -> bool:
        """A single-use token is accepted once: True only for the first spender."""
        return bool(await self._redis.set(_used_token_key(jti), "1", nx=True, ex=max(ttl_seconds, 1)))
