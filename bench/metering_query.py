"""Metering at scale: reading 20 intervals among 1,000 accounts × 30 days, and one collector cycle over 1,000 buckets.

1. Generates 30 days of hourly request figures and daily capacity samples for 1,000 accounts (written
   the way the collector writes them), then times the console's GETs of the last 20 intervals of one
   account through a `coffer serve` process: p50 and p95 (goal p50 ≤ 20 ms), next to `/api/v1/me`.
2. Creates 1,000 buckets with a LIST request each in SeaweedFS and times one request cycle (scrape, parse,
   write) and one capacity cycle (list every bucket) as a share of their intervals (goal ≤ 10 %).
3. `realistic`: 1,000 buckets holding 200,000 objects in all, one of them 100,000, written through the
   filer's HTTP API (SeaweedFS's own faster path; S3 lists them like any object) into one collection,
   so that 1,000 buckets do not need 1,000 sets of volumes. Times the first capacity cycle (counts every
   bucket), a cycle after writes to 10 small buckets, and one after a write to the big bucket, each as a
   share of the default 10 min interval (goal ≤ 10 %), with proof that each cycle's sample landed.
Run by hand: .venv/bin/python bench/metering_query.py [rounds]   or   bench/metering_query.py realistic
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import boto3
import httpx2 as httpx

from coffer.embedded.stack import EmbeddedStack
from coffer.metering.collector import LOCK, Collector
from coffer.metering.resolutions import SECONDS, slot_start
from coffer.settings import Settings
from coffer.store.locks import LockStore
from coffer.store.metering import BucketSample, Figures, MeteringStore, account_scope
from harness import console_with_admin, percentile, timed_gets, with_services

ACCOUNTS = 1_000
DAYS = 30
BUCKETS = 1_000


def _generate(settings: Settings) -> float:
    async def write(services: Any) -> float:
        redis = services.connection.redis
        store, locks = MeteringStore(redis), LockStore(redis)
        token = await locks.acquire(LOCK, 3600)
        assert token is not None
        started, now = time.perf_counter(), time.time()
        for number in range(ACCOUNTS):
            scope = account_scope(f"acme{number}")
            hours = [slot_start("1h", now - 3600 * back) for back in range(24 * DAYS)]
            days = [slot_start("1d", now - 86_400 * back) for back in range(DAYS)]
            added = [
                Figures(
                    scope,
                    "1h",
                    slot,
                    {
                        "req:PUT": 40 + back % 7,
                        "req:GET": 300,
                        "bytes_in": 4_000_000,
                        "bytes_out": 9_000_000,
                        "lat_us": 2_000_000,
                        "lat:0.0032": 300,
                        "lat:0.0064": 35,
                        "lat:+Inf": 5,
                    },
                    86_400 * 90,
                )
                for back, slot in enumerate(hours)
            ]
            sampled = [
                Figures(scope, "1d", slot, {"bytes": 10**9 + back, "objects": 1000 + back}, 86_400 * 800)
                for back, slot in enumerate(days)
            ]
            assert await store.commit(
                LOCK, token, reading={}, forgotten=[], added=added, sampled=sampled, rankings=[], latest={}
            )
        await locks.release(LOCK, token)
        return time.perf_counter() - started

    return with_services(settings, write)


def _buckets(settings: Settings) -> None:
    s3 = boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=settings.storage_access_key,
        aws_secret_access_key=settings.storage_secret_key.get_secret_value(),
    )
    for number in range(BUCKETS):
        bucket = f"tenant{number}-data"
        s3.create_bucket(Bucket=bucket)
        s3.list_objects_v2(Bucket=bucket)  # a request to count; data would need a volume per bucket


def _cycles(settings: Settings) -> tuple[float, float]:
    async def measure(services: Any) -> tuple[float, float]:
        collector = services.get(Collector)
        assert await collector.lead()
        await collector.collect_requests()  # the baseline reading
        started = time.perf_counter()
        assert await collector.collect_requests()
        requests = time.perf_counter() - started
        started = time.perf_counter()
        assert await collector.collect_capacity()
        capacity = time.perf_counter() - started
        await collector.step_down()
        return requests, capacity

    return with_services(settings, measure)


BIG_OBJECTS = 100_000
SMALL_OBJECTS = 100  # in each of the other 999 buckets: 199,900 objects in all


async def _fill(filer: str, names: list[str], per_bucket: dict[str, int]) -> float:
    """Many concurrent small PUTs straight to the filer (no SigV4, no S3 gateway): set-up, not measured."""
    started = time.perf_counter()
    limits = httpx.Limits(max_connections=48, max_keepalive_connections=48)
    async with httpx.AsyncClient(base_url=f"http://{filer}", limits=limits, timeout=60) as client:
        queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        for name in names:
            for number in range(per_bucket[name]):
                queue.put_nowait((name, number))

        async def worker() -> None:
            while not queue.empty():
                name, number = queue.get_nowait()
                answer = await client.put(f"/buckets/{name}/o/{number:06d}?collection=bench", content=b"x" * 10)
                answer.raise_for_status()

        await asyncio.gather(*(worker() for _ in range(48)))
    return time.perf_counter() - started


def _realistic() -> None:
    with tempfile.TemporaryDirectory() as var:
        stack = EmbeddedStack(Path(var))
        stack.start()
        try:
            settings = Settings(**stack.settings_overrides(), metering_enabled=False)
            assert settings.seaweedfs_filer is not None
            s3 = boto3.client(
                "s3",
                endpoint_url=settings.s3_endpoint,
                region_name=settings.s3_region,
                aws_access_key_id=settings.storage_access_key,
                aws_secret_access_key=settings.storage_secret_key.get_secret_value(),
            )
            names = [f"tenant{number}-data" for number in range(BUCKETS)]
            for name in names:
                s3.create_bucket(Bucket=name)
            per_bucket = {name: SMALL_OBJECTS for name in names[1:]} | {names[0]: BIG_OBJECTS}
            filled = asyncio.run(_fill(settings.seaweedfs_filer, names, per_bucket))
            total = sum(per_bucket.values())
            print(f"wrote {total} objects into {BUCKETS} buckets in {filled:.0f} s (set-up)")

            def after(changed: list[str]) -> None:
                for name in changed:
                    s3.put_object(Bucket=name, Key="new", Body=b"y" * 5)

            async def cycles(services: Any) -> list[tuple[str, float, bool, int]]:
                collector, store = services.get(Collector), MeteringStore(services.connection.redis)
                assert await collector.lead()
                await collector.collect_requests()
                timings = []
                for label, changed in (
                    ("first cycle (counts every bucket)", []),
                    ("10 small buckets written", names[1:11]),
                    ("the 100,000-object bucket written", names[:1]),
                ):
                    after(changed)
                    await collector.collect_requests()
                    started = time.perf_counter()
                    written = await collector.collect_capacity()
                    seconds = time.perf_counter() - started
                    samples: list[BucketSample | None] = await store.latest_samples_of(names)
                    objects = sum(sample.objects for sample in samples if sample is not None)
                    timings.append((label, seconds, written, objects))
                await collector.step_down()
                return timings

            timings = with_services(settings, cycles)
        finally:
            stack.stop()
    interval = SECONDS["10m"]
    for label, seconds, written, objects in timings:
        print(
            f"capacity cycle, {label}: {seconds:.1f} s = {seconds / interval:.1%} of 10 min; "
            f"written: {written}; objects in the stored sample: {objects}"
        )


def main(rounds: int) -> None:
    with console_with_admin(metering_enabled=False) as (settings, client):
        generated = _generate(settings)
        paths = [
            "/api/v1/accounts/acme500/metering/requests?resolution=1h&count=20",
            "/api/v1/accounts/acme500/metering/capacity?resolution=1d&count=20",
            "/api/v1/me",
        ]
        timings = timed_gets(client, paths, rounds)
        _buckets(settings)
        requests_cycle, capacity_cycle = _cycles(settings)
    print(f"generated {ACCOUNTS} accounts × {DAYS} days in {generated:.1f} s")
    print(f"{'GET':<72} {'p50 ms':>8} {'p95 ms':>8}")
    for path, samples in timings.items():
        print(f"{path:<72} {percentile(samples, 0.5):>8.2f} {percentile(samples, 0.95):>8.2f}")
    share_requests = requests_cycle / SECONDS["10s"]
    share_capacity = capacity_cycle / SECONDS["10m"]
    print(f"request cycle over {BUCKETS} buckets: {requests_cycle * 1000:.0f} ms = {share_requests:.1%} of 10 s")
    print(f"capacity cycle over {BUCKETS} buckets: {capacity_cycle:.1f} s = {share_capacity:.1%} of 10 min")


if __name__ == "__main__":
    if sys.argv[1:] == ["realistic"]:
        _realistic()
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
