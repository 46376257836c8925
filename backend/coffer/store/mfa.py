"""TOTP state: the last time step each person used (replay protection) and secrets awaiting confirmation."""

from __future__ import annotations

from coffer.store.client import PREFIX, RedisClient


def _last_step_key(user_id: str) -> str:
    return f"{PREFIX}:totp:last-step:{user_id}"


# The step is taken only when it comes after the last one taken: one script, so two instances
# checking the same code at once cannot both take it.
_CLAIM_AFTER_LAST = """
local last = redis.call('get', KEYS[1])
if last and tonumber(last) >= tonumber(ARGV[1]) then return 0 end
redis.call('set', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
"""


def _pending_key(user_id: str) -> str:
    return f"{PREFIX}:totp:pending:{user_id}"


class MfaStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def claim_step(self, user_id: str, step: int, ttl_seconds: int) -> bool:
        """True when the step comes after the last step this user used; False for a replay or an older step.

        The last step is kept `ttl_seconds`, as long as any step not after it could still match a code.
        """
        return bool(await self._redis.eval(_CLAIM_AFTER_LAST, 1, _last_step_key(user_id), str(step), str(ttl_seconds)))

    async def put_pending_secret(self, user_id: str, sealed_secret: str, ttl_seconds: int) -> None:
        await self._redis.set(_pending_key(user_id), sealed_secret, ex=ttl_seconds)

    async def pending_secret(self, user_id: str) -> str | None:
        value = await self._redis.get(_pending_key(user_id))
        return None if value is None else str(value)

    async def drop_pending_secret(self, user_id: str) -> None:
        await self._redis.delete(_pending_key(user_id))
