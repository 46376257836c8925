"""Sign-in failure windows and locks, keyed by a scope (`user`, `ip`) and a subject.

Failures are a sorted set of timestamps (a sliding window driven by the caller's clock);
a lock stores the time it ends, with a Redis TTL only to clean up.
"""

from __future__ import annotations

import uuid

from redis.asyncio import Redis

from coffer.store.client import PREFIX


def _events_key(scope: str, subject: str) -> str:
    return f"{PREFIX}:regulation:{scope}:{subject}:events"


def _lock_key(scope: str, subject: str) -> str:
    return f"{PREFIX}:regulation:{scope}:{subject}:lock"


class RegulationStore:
    def __init__(self, redis: Redis) -> None:
        self._redis = redis

    async def add_event(self, scope: str, subject: str, now: float, window_seconds: float) -> int:
        """Records one event and returns how many fall inside the window ending now."""
        key = _events_key(scope, subject)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now - window_seconds)
            pipe.zadd(key, {uuid.uuid4().hex: now})
            pipe.zcount(key, now - window_seconds, "+inf")
            pipe.expire(key, int(window_seconds) + 60)
            results = await pipe.execute()
        return int(results[2])

    async def clear_events(self, scope: str, subject: str) -> None:
        await self._redis.delete(_events_key(scope, subject))

    async def lock(self, scope: str, subject: str, until: float, ttl_seconds: int) -> None:
        await self._redis.set(_lock_key(scope, subject), repr(until), ex=ttl_seconds + 60)

    async def locked_until_many(self, scope: str, subjects: list[str]) -> list[float | None]:
        """The lock ends of many subjects in one round trip, for lists of people."""
        if not subjects:
            return []
        raws = await self._redis.mget([_lock_key(scope, subject) for subject in subjects])
        return [None if raw is None else float(raw) for raw in raws]

    async def unlock(self, scope: str, subject: str) -> None:
        await self._redis.delete(_lock_key(scope, subject), _events_key(scope, subject))
