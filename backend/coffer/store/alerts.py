"""Quota alerts: the level each quota last reached (so a crossing alerts once), each account's alert
settings, the in-app notifications of each person, and the lines waiting for a daily digest."""

from __future__ import annotations

import json
from typing import Any, cast

from coffer.store.client import PREFIX, RedisClient

_LEVELS = f"{PREFIX}:alert:levels"
_SETTINGS = f"{PREFIX}:alert:settings"
_DIGEST_ACCOUNTS = f"{PREFIX}:alert:{{digest}}:accounts"  # one tag with each digest, taken together
_KEPT_NOTIFICATIONS = 200


def _notifications_key(user_id: str) -> str:
    return f"{PREFIX}:notifications:{user_id}"


def _read_until_key(user_id: str) -> str:
    return f"{PREFIX}:notifications:{user_id}:read"


def _digest_key(account_id: str) -> str:
    return f"{PREFIX}:alert:{{digest}}:{account_id}"


class AlertStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def levels(self) -> dict[str, int]:
        stored = cast(dict[str, str], await self._redis.hgetall(_LEVELS))
        return {quota: int(level) for quota, level in stored.items()}

    async def set_levels(self, changed: dict[str, int]) -> None:
        if changed:
            await self._redis.hset(_LEVELS, mapping=cast(Any, {quota: str(level) for quota, level in changed.items()}))

    async def settings(self, account_id: str) -> dict[str, Any] | None:
        value = await self._redis.hget(_SETTINGS, account_id)
        return None if value is None else cast(dict[str, Any], json.loads(value))

    async def save_settings(self, account_id: str, settings: dict[str, Any]) -> None:
        await self._redis.hset(_SETTINGS, account_id, json.dumps(settings))

    async def notify(self, user_ids: list[str], notification: dict[str, Any], at: float) -> None:
        async with self._redis.pipeline(transaction=False) as pipe:
            for user_id in user_ids:
                key = _notifications_key(user_id)
                pipe.zadd(key, {json.dumps(notification): at})
                pipe.zremrangebyrank(key, 0, -_KEPT_NOTIFICATIONS - 1)
            await pipe.execute()

    async def notifications(self, user_id: str, limit: int) -> tuple[list[tuple[dict[str, Any], float]], float]:
        """The newest notifications with their times, and until when the person has read them."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.zrevrange(_notifications_key(user_id), 0, limit - 1, withscores=True)
            pipe.get(_read_until_key(user_id))
            found, read_until = await pipe.execute()
        return [(json.loads(member), float(score)) for member, score in found], float(read_until or 0)

    async def unread(self, user_id: str) -> int:
        read_until = float(await self._redis.get(_read_until_key(user_id)) or 0)
        return int(await self._redis.zcount(_notifications_key(user_id), f"({read_until}", "+inf"))

    async def mark_read(self, user_id: str, until: float) -> None:
        await self._redis.set(_read_until_key(user_id), str(until))

    async def queue_digest(self, account_id: str, line: str) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.rpush(_digest_key(account_id), line)
            pipe.sadd(_DIGEST_ACCOUNTS, account_id)
            await pipe.execute()

    async def claim_digest_day(self, day: str) -> bool:
        """True for the one caller (of all instances) that sends the digests of this day."""
        return bool(await self._redis.set(f"{PREFIX}:alert:{{digest}}:day:{day}", "1", nx=True, ex=3 * 86_400))

    async def take_digests(self) -> dict[str, list[str]]:
        """Every account's waiting lines, removed as they are taken."""
        taken: dict[str, list[str]] = {}
        for account_id in sorted(str(member) for member in await self._redis.smembers(_DIGEST_ACCOUNTS)):
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.lrange(_digest_key(account_id), 0, -1)
                pipe.delete(_digest_key(account_id))
                pipe.srem(_DIGEST_ACCOUNTS, account_id)
                lines, _, _ = await pipe.execute()
            if lines:
                taken[account_id] = [str(line) for line in lines]
        return taken
