"""Purges of buckets that hold data: one record per bucket, `coffer:acct:{<account id>}:bucket-purge:<bucket>`,
and the set of running ones (`coffer:bucket-purges:running`, members `<account id>/<bucket>`) that every
instance's resumer reads to find a purge whose instance died.

A purge is started at most once at a time: `start` writes a running record only when none runs, in one
transaction with the check, so two admins (or two instances) starting at once get the same purge. Every
change is a read-modify-write of the fresh record (WATCH/MULTI, `rewrite`), so progress written by the
work never undoes a state another writer set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel
from redis.exceptions import WatchError

from coffer.store.client import PREFIX, RedisClient, RedisPipeline
from coffer.store.records import rewrite

PurgeState = Literal["running", "done", "failed"]
_RUNNING = f"{PREFIX}:bucket-purges:running"
_FINISHED_KEPT_SECONDS = 7 * 86_400  # a finished purge stays readable a week, then its record goes


class BucketPurgeRecord(BaseModel):
    account_id: str
    bucket: str
    state: PurgeState
    objects_deleted: int = 0
    started_at: float
    updated_at: float
    finished_at: float | None = None
    actor: str
    ip: str = ""
    error: str | None = None


def _record_key(account_id: str, bucket: str) -> str:
    return f"{PREFIX}:acct:{{{account_id}}}:bucket-purge:{bucket}"


def _member(account_id: str, bucket: str) -> str:
    return f"{account_id}/{bucket}"


class BucketPurgeStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def get(self, account_id: str, bucket: str) -> BucketPurgeRecord | None:
        raw = await self._redis.get(_record_key(account_id, bucket))
        return None if raw is None else BucketPurgeRecord.model_validate_json(raw)

    async def start(self, record: BucketPurgeRecord) -> tuple[BucketPurgeRecord, bool]:
        """Writes `record` (running) unless a purge of the bucket runs already: then that one, and False."""
        key = _record_key(record.account_id, record.bucket)
        async with self._redis.pipeline(transaction=True) as pipe:
            while True:
                try:
                    await pipe.watch(key)
                    raw = await pipe.get(key)
                    if raw is not None:
                        running = BucketPurgeRecord.model_validate_json(raw)
                        if running.state == "running":
                            await pipe.unwatch()  # type: ignore[no-untyped-call]
                            return running, False
                    pipe.multi()  # type: ignore[no-untyped-call]
                    pipe.set(key, record.model_dump_json())
                    pipe.sadd(_RUNNING, _member(record.account_id, record.bucket))
                    await pipe.execute()
                    return record, True
                except WatchError:
                    continue

    async def update(
        self, account_id: str, bucket: str, change: Callable[[BucketPurgeRecord], BucketPurgeRecord | None]
    ) -> BucketPurgeRecord | None:
        """Applies `change` to the fresh record atomically (None from it: leave it alone); a purge that is no
        longer running leaves the running set in the same transaction and expires after a week."""
        written: list[BucketPurgeRecord] = []
        key = _record_key(account_id, bucket)

        def plan(raw: str) -> Callable[[RedisPipeline], None] | None:
            after = change(BucketPurgeRecord.model_validate_json(raw))
            if after is None:
                return None
            written[:] = [after]

            def writes(pipe: RedisPipeline) -> None:
                if after.state == "running":
                    pipe.set(key, after.model_dump_json())
                else:
                    pipe.set(key, after.model_dump_json(), ex=_FINISHED_KEPT_SECONDS)
                    pipe.srem(_RUNNING, _member(account_id, bucket))

            return writes

        return written[0] if await rewrite(self._redis, key, plan) else None

    async def running(self) -> list[tuple[str, str]]:
        """(account id, bucket) of every purge marked running, sorted."""
        members = sorted(str(member) for member in await self._redis.smembers(_RUNNING))
        return [(account_id, bucket) for account_id, _, bucket in (member.partition("/") for member in members)]
