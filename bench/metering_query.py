"""Metering at scale: reading 20 intervals among 1,000 accounts × 30 days, and one collector cycle over 1,000 buckets.

1. Generates 30 days of hourly request figures and daily capacity samples for 1,000 accounts (written
   the way the collector writes them), then times the console's GETs of the last 20 intervals of one
   account through a `coffer serve` process: p50 and p95 (goal p50 ≤ 20 ms), next to `/api/v1/me`.
2. Creates 1,000 buckets with a LIST request each in SeaweedFS and times one request cycle (scrape, parse,
   write) and one capacity cycle (list every bucket) as a share of their intervals (goal ≤ 10 %).
Run by hand: .venv/bin/python bench/metering_query.py [rounds]
"""

from __future__ import annotations

import sys
import time
from typing import Any

import boto3

from coffer.metering.collector import LOCK
from coffer.metering.resolutions import SECONDS, slot_start
from coffer.settings import Settings
from coffer.store.locks import LockStore
from coffer.store.metering import Figures, MeteringStore, account_scope
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
        collector = services.collector
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
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
