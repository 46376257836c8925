"""Quota enforcement that lost its lease mid-run (another instance took it) stops: no further bucket is
switched and nothing more is recorded, so two enforcements never undo each other's steps."""

from __future__ import annotations

from typing import Any

import anyio

from coffer.app import build_provider, build_wiring, redis_connection
from coffer.clock import FixedClock
from coffer.providers.base import BucketUsage, StorageProvider
from coffer.quotas.service import Quotas
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.store.locks import LockStore, lock_key
from coffer.store.quotas import BucketQuotaRecord, QuotaStore

from ..conftest import unique_account_id
from ..storage import remove_buckets, service_client

LOCK = "{quota}:enforcement"


class TakenOverAfterFirstSwitch:
    """The real provider; right after the first bucket is switched, the enforcement lease lapses and
    another instance takes it (what a paused process or a Redis failover does)."""

    def __init__(self, real: StorageProvider, rival: RedisConnection) -> None:
        self.real = real
        self.rival = rival
        self.switched: list[tuple[str, bool]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    async def set_bucket_writable(self, bucket: str, writable: bool) -> None:
        await self.real.set_bucket_writable(bucket, writable)
        self.switched.append((bucket, writable))
        if len(self.switched) == 1:
            await self.rival.redis.delete(lock_key(LOCK))
            assert await LockStore(self.rival.redis).acquire(LOCK, 30) is not None


def test_an_enforcement_that_lost_its_lease_switches_and_records_nothing_more(
    settings: Settings, clock: FixedClock
) -> None:
    account_id = unique_account_id("fenced")
    first, second = f"{account_id}-one", f"{account_id}-two"
    s3 = service_client(settings, "s3")
    for bucket in (first, second):
        s3.create_bucket(Bucket=bucket)

    async def run() -> tuple[list[tuple[str, bool]], set[str]]:
        mine, theirs = redis_connection(settings), redis_connection(settings)
        real = build_provider(settings)
        storage = TakenOverAfterFirstSwitch(real, theirs)
        try:
            quotas = QuotaStore(mine.redis)
            for bucket in (first, second):
                await quotas.set_bucket_quota(bucket, BucketQuotaRecord(bytes=10))
            services = build_wiring(settings, clock, mine, storage)  # type: ignore[arg-type]
            await services.get(Quotas).enforce(
                {bucket: BucketUsage(bytes_used=100, objects=1) for bucket in (first, second)}
            )
            return storage.switched, await quotas.blocked()
        finally:
            await real.set_bucket_writable(first, True)
            await real.close()
            await mine.close()
            await theirs.close()

    try:
        switched, blocked = anyio.run(run)
    finally:
        remove_buckets(settings, [first, second])

    assert switched == [(first, False)]
    assert blocked == set()
