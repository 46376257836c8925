"""Metering in Redis: one small hash per scope, resolution and interval, expiring with its retention.

Requests are added (HINCRBY) into every resolution at once, so rollups cost nothing to read; the
capacity of an interval is its last sample (HSET). Everything one collector cycle writes goes in one
transaction guarded by the collector's leader lock: a collector that lost the lead writes nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from pydantic import BaseModel
from redis.exceptions import WatchError

from coffer.store.client import PREFIX, RedisClient
from coffer.store.locks import lock_key

PLATFORM = "p"
_READING = f"{PREFIX}:meter:reading"
_LATEST = f"{PREFIX}:meter:latest"
_LATEST_BUCKETS = f"{PREFIX}:meter:latest:buckets"
_OWN_LISTS = f"{PREFIX}:meter:own-lists"


def account_scope(account_id: str) -> str:
    return f"a:{account_id}"


def bucket_scope(bucket: str) -> str:
    return f"b:{bucket}"


def _series_key(kind: str, scope: str, resolution: str, slot: int) -> str:
    return f"{PREFIX}:meter:{kind}:{scope}:{resolution}:{slot}"


def _mapping(values: Mapping[str, Any]) -> Any:
    """redis-py types a mapping's keys as str | bytes | …, which a dict[str, …] is not (invariance)."""
    return {name: str(value) for name, value in values.items()}


def _top_key(resolution: str, slot: int) -> str:
    return f"{PREFIX}:meter:top:{resolution}:{slot}"


@dataclass(frozen=True)
class Figures:
    """Figures of one scope in one interval: added for requests, set for capacity."""

    scope: str
    resolution: str
    slot: int
    fields: dict[str, int]
    ttl_seconds: int


@dataclass(frozen=True)
class Ranking:
    """An account's requests in one interval, for the platform's top-accounts table."""

    resolution: str
    slot: int
    account_id: str
    requests: int
    ttl_seconds: int


class BucketSample(BaseModel):
    """A bucket's last capacity figures, and what the collector needs to know whether they still hold."""

    bytes: int
    objects: int
    at: float  # when the figures were last known to be exact
    counted_at: float | None = None  # when the bucket was last listed to count them
    started_at: float | None = None  # the storage system's start, whose request counters `writes` is from
    writes: int | None = None  # requests that may change the bucket, counted until `at`


class MeteringStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def last_reading(self) -> dict[str, str]:
        """The counters the last cycle saw, by gateway and bucket (JSON), for a collector taking over the lead."""
        return cast(dict[str, str], await self._redis.hgetall(_READING))

    async def commit(
        self,
        lock_name: str,
        token: str,
        *,
        reading: dict[str, str],
        forgotten: list[str],
        added: list[Figures],
        gone_buckets: list[str] | None = None,
        sampled: list[Figures],
        rankings: list[Ranking],
        latest: dict[str, str],
        latest_buckets: dict[str, str] | None = None,
        own_lists_taken: Mapping[str, int] | None = None,
    ) -> bool:
        """Writes one cycle while `token` holds the lock; False (nothing written) when it does not.
        `forgotten` are fields of the stored reading; `gone_buckets` no gateway shows any more."""
        lock = lock_key(lock_name)
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(lock)
            if await pipe.get(lock) != token:
                return False  # leaving the block resets the pipeline, which unwatches
            pipe.multi()  # type: ignore[no-untyped-call]
            if reading:
                pipe.hset(_READING, mapping=_mapping(reading))
            if forgotten:
                pipe.hdel(_READING, *forgotten)
            if gone_buckets:
                pipe.hdel(_OWN_LISTS, *gone_buckets)
            for bucket, taken in (own_lists_taken or {}).items():
                pipe.hincrby(_OWN_LISTS, bucket, -taken)
            for figures in added:
                key = _series_key("req", figures.scope, figures.resolution, figures.slot)
                for name, value in figures.fields.items():
                    pipe.hincrby(key, name, value)
                pipe.expire(key, figures.ttl_seconds)
            for figures in sampled:
                key = _series_key("cap", figures.scope, figures.resolution, figures.slot)
                pipe.hset(key, mapping=_mapping(figures.fields))
                pipe.expire(key, figures.ttl_seconds)
            for ranking in rankings:
                key = _top_key(ranking.resolution, ranking.slot)
                pipe.zincrby(key, ranking.requests, ranking.account_id)
                pipe.expire(key, ranking.ttl_seconds)
            if latest:
                pipe.hset(_LATEST, mapping=_mapping(latest))
            if latest_buckets is not None:
                pipe.delete(_LATEST_BUCKETS)  # buckets deleted since the last sample go
                if latest_buckets:
                    pipe.hset(_LATEST_BUCKETS, mapping=_mapping(latest_buckets))
            try:
                await pipe.execute()
            except WatchError:
                return False
        return True

    async def add_own_lists(self, counts: Mapping[str, int]) -> None:
        """LIST requests Coffer made itself (counting objects), to be taken out of the tenants' figures."""
        counts = {bucket: count for bucket, count in counts.items() if count}
        if counts:
            async with self._redis.pipeline(transaction=False) as pipe:
                for bucket, count in counts.items():
                    pipe.hincrby(_OWN_LISTS, bucket, count)
                await pipe.execute()

    async def own_lists(self) -> dict[str, int]:
        """Coffer's own LIST requests per bucket not yet taken out of a reading."""
        stored = cast(dict[str, str], await self._redis.hgetall(_OWN_LISTS))
        return {bucket: int(count) for bucket, count in stored.items()}

    async def series(self, kind: str, scope: str, resolution: str, slots: list[int]) -> list[dict[str, str]]:
        """The stored figures of each interval, in the order asked ({} where nothing was recorded)."""
        async with self._redis.pipeline(transaction=False) as pipe:
            for slot in slots:
                pipe.hgetall(_series_key(kind, scope, resolution, slot))
            return [cast(dict[str, str], answer) for answer in await pipe.execute()]

    async def top_accounts(self, resolution: str, slots: list[int], limit: int) -> list[tuple[str, float]]:
        """Accounts by their requests summed over the intervals, most first."""
        totals: dict[str, float] = {}
        async with self._redis.pipeline(transaction=False) as pipe:
            for slot in slots:
                pipe.zrange(_top_key(resolution, slot), 0, -1, withscores=True)
            for answer in await pipe.execute():
                for member, score in answer:
                    totals[str(member)] = totals.get(str(member), 0.0) + float(score)
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:limit]

    async def latest_capacity(self) -> dict[str, str]:
        """Every account's last capacity sample (JSON), including accounts deleted since."""
        return cast(dict[str, str], await self._redis.hgetall(_LATEST))

    async def latest_samples_of(self, buckets: list[str]) -> list[BucketSample | None]:
        """The last capacity sample of each bucket, None for a bucket made since."""
        if not buckets:
            return []
        raws = await self._redis.hmget(_LATEST_BUCKETS, buckets)
        return [None if raw is None else BucketSample.model_validate_json(raw) for raw in raws]

    async def latest_bucket_usage(self) -> dict[str, str]:
        """Every existing bucket's last capacity sample (JSON)."""
        return cast(dict[str, str], await self._redis.hgetall(_LATEST_BUCKETS))
