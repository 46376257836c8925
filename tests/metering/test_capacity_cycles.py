"""A capacity cycle keeps the lead however long it runs, writes nothing once it lost it, and lists only
the buckets written since their last count."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Iterator
from typing import Any

import anyio
import httpx2 as httpx
import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider, build_wiring, redis_connection
from coffer.clock import FixedClock
from coffer.metering.collector import LOCK, Collector
from coffer.providers.base import BucketUsage, StorageProvider
from coffer.providers.seaweedfs_metrics import parse_traffic
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.store.locks import LockStore, lock_key
from coffer.store.metering import MeteringStore

from ..conftest import open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import service_client
from .conftest import cycle

TTL = 2


class SlowCounting:
    """The real provider, whose counting lasts until `meanwhile` returns (a bucket of millions of objects)."""

    def __init__(self, real: StorageProvider, meanwhile: Callable[[], Awaitable[None]]) -> None:
        self.real = real
        self.meanwhile = meanwhile

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    async def bucket_usage(self, *buckets: Collection[str] | None) -> dict[str, BucketUsage]:
        counted = await self.real.bucket_usage(*buckets)
        await self.meanwhile()
        return counted


Meanwhile = Callable[[Collector, Collector, RedisConnection], Awaitable[None]]


def _with_slow_collector(settings: Settings, clock: FixedClock, meanwhile: Meanwhile) -> tuple[bool, bool]:
    """One capacity cycle of a leading collector whose counting runs `meanwhile(it, a rival, the rival's Redis)`."""

    async def run() -> tuple[bool, bool]:
        mine, theirs = redis_connection(settings), redis_connection(settings)
        real, rival_storage = build_provider(settings), build_provider(settings)
        rival = build_wiring(settings, clock, theirs, rival_storage).get(Collector)

        async def slow() -> None:
            await meanwhile(collector, rival, theirs)

        storage: Any = SlowCounting(real, slow)
        collector = build_wiring(settings, clock, mine, storage).get(Collector)
        try:
            assert await collector.lead()
            assert await collector.collect_requests()
            return await collector.collect_capacity(), collector.leads
        finally:
            await collector.step_down()
            await rival.step_down()
            for provider in (real, rival_storage):
                await provider.close()
            await mine.close()
            await theirs.close()

    return anyio.run(run)


def _samples(settings: Settings, buckets: list[str]) -> list[Any]:
    async def read() -> list[Any]:
        connection = redis_connection(settings)
        try:
            return await MeteringStore(connection.redis).latest_samples_of(buckets)
        finally:
            await connection.close()

    return anyio.run(read)


def lists(settings: Settings, bucket: str) -> int:
    """LIST requests the storage system has served for the bucket (its own exact counter)."""
    (gateway,) = settings.storage_metrics_urls
    traffic = parse_traffic(httpx.get(gateway).text).buckets.get(bucket)
    return traffic.requests["LIST"] if traffic else 0


@pytest.fixture
def staff(settings: Settings, admin: Person, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(settings, clock) as client:
        first_sign_in(client, admin, clock)
        yield client


def test_a_capacity_cycle_longer_than_the_leader_lease_still_writes_its_sample(
    settings: Settings, staff: TestClient, clock: FixedClock, buckets: list[str]
) -> None:
    account_id = unique_account_id("slow")
    bucket = f"{account_id}-huge"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    buckets.append(bucket)
    s3.put_object(Bucket=bucket, Key="a", Body=b"x" * 700)
    short = settings.model_copy(update={"metering_leader_ttl_seconds": TTL})
    rival_led: list[bool] = []

    async def three_lifetimes_while_a_rival_tries_to_lead(_: Collector, rival: Collector, __: RedisConnection) -> None:
        deadline = anyio.current_time() + 3 * TTL
        while anyio.current_time() < deadline:
            rival_led.append(await rival.lead())
            await anyio.sleep(0.2)

    written, leads = _with_slow_collector(short, clock, three_lifetimes_while_a_rival_tries_to_lead)

    assert written and leads
    assert len(rival_led) > 10 and not any(rival_led)
    answer = staff.get(f"/api/v1/accounts/{account_id}/metering/capacity", params={"resolution": "10m", "count": 1})
    [point] = answer.json()["points"]
    assert (point["bytes_used"], point["objects"]) == (700, 1)


def test_a_collector_that_lost_its_lease_mid_cycle_writes_nothing_and_stops_leading(
    settings: Settings, clock: FixedClock, buckets: list[str]
) -> None:
    bucket = f"{unique_account_id('lost')}-data"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    buckets.append(bucket)
    s3.put_object(Bucket=bucket, Key="a", Body=b"x")
    short = settings.model_copy(update={"metering_leader_ttl_seconds": TTL})
    seen_lost: list[bool] = []

    async def taken_over(collector: Collector, _: Collector, theirs: RedisConnection) -> None:
        # the lease lapsed (a paused process, a Redis failover) and another instance took the lead
        await theirs.redis.delete(lock_key(LOCK))
        assert await LockStore(theirs.redis).acquire(LOCK, 30) is not None
        with anyio.fail_after(2 * TTL):
            while collector.leads:  # noqa: ASYNC110 - the renewal notices in the background
                await anyio.sleep(0.05)
        seen_lost.append(True)

    written, leads = _with_slow_collector(short, clock, taken_over)

    assert seen_lost == [True]
    assert not written and not leads
    assert _samples(settings, [bucket]) == [None]


def test_a_capacity_cycle_lists_only_the_buckets_written_since_their_last_count(
    settings: Settings, staff: TestClient, clock: FixedClock, buckets: list[str]
) -> None:
    account_id = unique_account_id("quiet")
    busy, quiet, emptied = (f"{account_id}-{name}" for name in ("busy", "quiet", "emptied"))
    s3 = service_client(settings, "s3")
    for name in (busy, quiet, emptied):
        s3.create_bucket(Bucket=name)
        buckets.append(name)
        s3.put_object(Bucket=name, Key="first", Body=b"x" * 100)
    cycle(settings, clock, capacity=True)  # counts every bucket once
    lists_before = {name: lists(settings, name) for name in (busy, quiet, emptied)}

    s3.put_object(Bucket=busy, Key="second", Body=b"y" * 50)
    s3.delete_objects(Bucket=emptied, Delete={"Objects": [{"Key": "first"}]})
    s3.get_object(Bucket=quiet, Key="first")["Body"].read()  # reading changes nothing
    s3.head_object(Bucket=quiet, Key="first")
    clock.advance(600)
    cycle(settings, clock, capacity=True)

    listed = {name: lists(settings, name) - lists_before[name] for name in (busy, quiet, emptied)}
    assert listed == {busy: 1, quiet: 0, emptied: 1}
    samples = dict(zip((busy, quiet, emptied), _samples(settings, [busy, quiet, emptied]), strict=True))
    assert {name: (sample.objects, sample.bytes) for name, sample in samples.items()} == {
        busy: (2, 150),
        quiet: (1, 100),
        emptied: (0, 0),
    }
    assert samples[quiet].at == clock.now()  # still exact now, though counted a cycle ago
    assert samples[quiet].counted_at == clock.now() - 600
    answer = staff.get(f"/api/v1/accounts/{account_id}/metering/capacity", params={"resolution": "10m", "count": 1})
    [point] = answer.json()["points"]
    assert (point["bytes_used"], point["objects"]) == (250, 3)


def test_a_bucket_without_writes_is_counted_again_after_the_recount_interval(
    settings: Settings, clock: FixedClock, buckets: list[str]
) -> None:
    bucket = f"{unique_account_id('stale')}-archive"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    buckets.append(bucket)
    s3.put_object(Bucket=bucket, Key="a", Body=b"x")
    cycle(settings, clock, capacity=True)
    before = lists(settings, bucket)
    clock.advance(settings.metering_recount_hours * 3600)

    cycle(settings, clock, capacity=True)

    assert lists(settings, bucket) == before + 1
