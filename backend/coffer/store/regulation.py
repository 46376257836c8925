"""Sign-in failure windows and locks, keyed by a scope (`user`, `ip`) and a subject.

Failures are a sorted set of timestamps (a sliding window driven by the caller's clock);
a lock stores the time it ends, with a Redis TTL only to clean up.
"""

from __future__ import annotations

import uuid

from coffer.store.client import PREFIX, RedisClient, read_many


def _events_key(scope: str, subject: str) -> str:
    return f"{PREFIX}:regulation:{scope}:{subject}:events"


def _lock_key(scope: str, subject: str) -> str:
    return f"{PREFIX}:regulation:{scope}:{subject}:lock"


class RegulationStore:
    def __init__(self, redis: RedisClient) -> None:
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
        raws = await read_many(self._redis, [_lock_key(scope, subject) for subject in subjects])
        return [None if raw is None else float(raw) for raw in raws]

    async def unlock(self, scope: str, subject: str) -> None:
        await self._redis.delete(_lock_key(scope, subject), _events_key(scope, subject))

    async def take_turn(self, scope: str, subject: str, every_seconds: int) -> bool:
        """True at most once every `every_seconds` per subject (shared by every instance)."""
        return bool(
            await self._redis.set(f"{PREFIX}:regulation:{scope}:{subject}:turn", "1", nx=True, ex=every_seconds)
        )


# Sign-in failures are kept per (username, client): the client is a known device's id or "untrusted".
# Every key of one username shares its hash tag, so the transactions below stay within one slot.


def _subject_tag(subject: str) -> str:
    return f"{PREFIX}:signin:{{{subject}}}"


def _pair_events_key(subject: str, client: str) -> str:
    return f"{_subject_tag(subject)}:{client}:failures"


def _pair_locks_key(subject: str) -> str:
    return f"{_subject_tag(subject)}:locks"


def _clients_key(subject: str) -> str:
    return f"{_subject_tag(subject)}:clients"


def _username_events_key(subject: str) -> str:
    return f"{_subject_tag(subject)}:all-failures"


class SignInFailureStore:
    """Failure windows and locks of (username, client) pairs, and each username's failures from any client."""

    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def reserve(self, subject: str, client: str, member: str, now: float, window_seconds: float) -> int:
        """Counts an attempt as a failure until it is released, and returns the pair's count in the window.

        Counting before the answer is known keeps a burst of parallel guesses within the limit.
        """
        key = _pair_events_key(subject, client)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now - window_seconds)
            pipe.zadd(key, {member: now})
            pipe.zcount(key, now - window_seconds, "+inf")
            pipe.expire(key, int(window_seconds) + 60)
            pipe.sadd(_clients_key(subject), client)
            pipe.expire(_clients_key(subject), int(window_seconds) + 60)
            results = await pipe.execute()
        return int(results[2])

    async def release(self, subject: str, client: str, member: str) -> None:
        """The attempt was not a failure after all (a right password, a valid code)."""
        await self._redis.zrem(_pair_events_key(subject, client), member)

    async def count(self, subject: str, client: str, now: float, window_seconds: float) -> int:
        return int(await self._redis.zcount(_pair_events_key(subject, client), now - window_seconds, "+inf"))

    async def add_username_failure(self, subject: str, now: float, window_seconds: float) -> int:
        """Records a failure of any client and returns the username's failures in the window."""
        key = _username_events_key(subject)
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(key, "-inf", now - window_seconds)
            pipe.zadd(key, {uuid.uuid4().hex: now})
            pipe.zcount(key, now - window_seconds, "+inf")
            pipe.expire(key, int(window_seconds) + 60)
            results = await pipe.execute()
        return int(results[2])

    async def lock(self, subject: str, client: str, until: float, ttl_seconds: int) -> None:
        """Locks the pair. Its failures stay: they leave the window as the lock ends, and until then a try
        that checked the lock just before it was set still finds the window full."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.hset(_pair_locks_key(subject), client, repr(until))
            pipe.expire(_pair_locks_key(subject), ttl_seconds + 60)
            pipe.sadd(_clients_key(subject), client)
            pipe.expire(_clients_key(subject), ttl_seconds + 60)
            await pipe.execute()

    async def clear(self, subject: str, client: str) -> None:
        await self._redis.delete(_pair_events_key(subject, client))

    async def locks_many(self, subjects: list[str]) -> list[dict[str, float]]:
        """Each username's locks by client (ended ones included), in one round trip."""
        if not subjects:
            return []
        async with self._redis.pipeline(transaction=False) as pipe:
            for subject in subjects:
                pipe.hgetall(_pair_locks_key(subject))
            results = await pipe.execute()
        return [{_text(client): float(until) for client, until in found.items()} for found in results]

    async def unlock_all(self, subject: str) -> None:
        """Lifts every lock of the username and forgets every failure counted against it."""
        clients = [_text(client) for client in await self._redis.smembers(_clients_key(subject))]
        await self._redis.delete(
            _pair_locks_key(subject),
            _clients_key(subject),
            _username_events_key(subject),
            *(_pair_events_key(subject, client) for client in clients),
        )


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value
