"""Bucket quotas, and which buckets Coffer has made read-only for being over a quota.

Account quotas live on the account record; the set of blocked buckets is what the storage system
was last told, so enforcement only changes the buckets whose state must change.
"""

from __future__ import annotations

from typing import cast

from pydantic import BaseModel
from redis.exceptions import WatchError

from coffer.store.client import PREFIX, RedisClient
from coffer.store.leases import Lease, LeaseLost
from coffer.store.locks import lock_key

_BUCKET_QUOTAS = f"{PREFIX}:quota:buckets"
# One hash tag with the enforcement lease, which fences writes to both (key_names.py moved the old names).
_BLOCKED = f"{PREFIX}:{{quota}}:blocked"
_BLOCKED_AT = f"{PREFIX}:{{quota}}:blocked-at"  # bucket -> when its writes were first refused (epoch seconds)


class BucketQuotaRecord(BaseModel):
    bytes: int
    warning_percent: int = 80
    critical_percent: int = 90


class QuotaStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def bucket_quotas(self) -> dict[str, BucketQuotaRecord]:
        stored = cast(dict[str, str], await self._redis.hgetall(_BUCKET_QUOTAS))
        return {bucket: BucketQuotaRecord.model_validate_json(value) for bucket, value in stored.items()}

    async def set_bucket_quota(self, bucket: str, quota: BucketQuotaRecord | None) -> None:
        if quota is None:
            await self._redis.hdel(_BUCKET_QUOTAS, bucket)
        else:
            await self._redis.hset(_BUCKET_QUOTAS, bucket, quota.model_dump_json())

    async def blocked(self) -> set[str]:
        return {str(bucket) for bucket in await self._redis.smembers(_BLOCKED)}

    async def blocked_since(self) -> dict[str, float | None]:
        """The blocked buckets and since when; None for one blocked before the time was kept."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.smembers(_BLOCKED)
            pipe.hgetall(_BLOCKED_AT)
            members, times = await pipe.execute()
        at = {str(bucket): float(value) for bucket, value in times.items()}
        return {str(bucket): at.get(str(bucket)) for bucket in members}

    async def mark(self, bucket: str, blocked: bool, lease: Lease, at: float) -> None:
        """Records what the storage system was told (at `at`), while `lease` (the enforcement's) is held;
        raises LeaseLost, writing nothing, when it is not."""
        async with self._redis.pipeline(transaction=True) as pipe:
            await pipe.watch(lock_key(lease.name))
            if await pipe.get(lock_key(lease.name)) != lease.token:
                raise LeaseLost(lease.name)
            pipe.multi()  # type: ignore[no-untyped-call]
            if blocked:
                pipe.sadd(_BLOCKED, bucket)
                pipe.hset(_BLOCKED_AT, bucket, str(at))
            else:
                pipe.srem(_BLOCKED, bucket)
                pipe.hdel(_BLOCKED_AT, bucket)
            try:
                await pipe.execute()
            except WatchError as error:
                raise LeaseLost(lease.name) from error
