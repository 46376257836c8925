"""TOTP state: time steps already used (replay protection) and secrets awaiting confirmation."""

from __future__ import annotations

from redis.asyncio import Redis

from coffer.store.client import PREFIX


def _step_key(user_id: str, step: int) -> str:
    return f"{PREFIX}:totp:used:{user_id}:{step}"


def _pending_key(user_id: str) -> str:
    return f"{PREFIX}:totp:pending:{user_id}"


class MfaStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def claim_step(self, user_id: str, step: int, ttl_seconds: int) -> bool:
        """True the first time a user's time step is claimed, False on any replay."""
        return bool(await self._redis.set(_step_key(user_id, step), "1", nx=True, ex=ttl_seconds))

    async def put_pending_secret(self, user_id: str, sealed_secret: str, ttl_seconds: int) -> None:
        await self._redis.set(_pending_key(user_id), sealed_secret, ex=ttl_seconds)

    async def pending_secret(self, user_id: str) -> str | None:
        value = await self._redis.get(_pending_key(user_id))
        return None if value is None else str(value)

    async def drop_pending_secret(self, user_id: str) -> None:
        await self._redis.delete(_pending_key(user_id))
