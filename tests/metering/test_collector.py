"""Real uploads and downloads with boto3 show up as requests, bytes, latency and capacity in the API."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.seaweedfs import EmbeddedSeaweedFS
from coffer.embedded.stack import EmbeddedStack
from coffer.metering.collector import Collector
from coffer.settings import Settings

from ..conftest import create_account_with_admin, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import service_client
from .conftest import cycle, with_collectors


def _series(client: TestClient, path: str, **params: Any) -> list[dict[str, Any]]:
    answer = client.get(path, params=params)
    assert answer.status_code == 200, answer.text
    return list(answer.json()["points"])


@pytest.fixture
def staff(settings: Settings, admin: Person, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(settings, clock) as client:
        first_sign_in(client, admin, clock)
        yield client


def test_requests_bytes_latency_and_capacity_per_bucket_account_and_platform(
    settings: Settings, staff: TestClient, clock: FixedClock
) -> None:
    account_id, other_id = unique_account_id("meter"), unique_account_id("other")
    bucket, other_bucket = f"{account_id}-data", f"{other_id}-data"
    s3 = service_client(settings, "s3")
    for name in (bucket, other_bucket):
        s3.create_bucket(Bucket=name)
    cycle(settings, clock)  # the first reading is the baseline: earlier history is not billed to today

    for key in ("a", "b", "c"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x" * 1000)
    for key in ("a", "b"):
        s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    s3.list_objects_v2(Bucket=bucket)
    s3.delete_object(Bucket=bucket, Key="c")
    s3.put_object(Bucket=other_bucket, Key="z", Body=b"y" * 500)
    cycle(settings, clock, capacity=True)

    account = f"/api/v1/accounts/{account_id}/metering"
    [now] = _series(staff, account + "/requests", resolution="10s", count=1)
    assert now["requests"] == 7
    assert now["per_second"] == {"put": 0.3, "get": 0.2, "delete": 0.1, "list": 0.1, "other": 0.0}
    assert (now["bytes_in_per_second"], now["bytes_out_per_second"]) == (300.0, 200.0)
    assert now["latency_avg_ms"] > 0 and now["latency_p95_ms"] > 0
    for resolution in ("1m", "10m", "1h", "1d", "1w"):
        assert _series(staff, account + "/requests", resolution=resolution, count=1)[0]["requests"] == 7, resolution
    [one_bucket] = _series(staff, account + "/requests", resolution="1h", count=1, bucket=bucket)
    assert one_bucket["requests"] == 7
    [platform] = _series(staff, "/api/v1/metering/requests", resolution="1h", count=1)
    [others] = _series(staff, f"/api/v1/accounts/{other_id}/metering/requests", resolution="1h", count=1)
    assert others["requests"] == 1 and platform["requests"] == 8

    [used] = _series(staff, account + "/capacity", resolution="10m", count=1)
    assert (used["bytes_used"], used["objects"]) == (2000, 2)
    twenty = _series(staff, account + "/capacity", resolution="1h", count=20)
    assert len(twenty) == 20 and twenty[-1]["bytes_used"] == 2000 and twenty[0]["bytes_used"] is None
    top = staff.get("/api/v1/metering/top-accounts").json()["items"]
    assert [(item["account_id"], item["bytes_used"], item["requests_24h"]) for item in top] == [
        (account_id, 2000, 7),
        (other_id, 500, 1),
    ]


def test_a_storage_restart_counts_neither_negative_nor_twice(
    stack: EmbeddedStack, tmp_path: Any, staff: TestClient, clock: FixedClock
) -> None:
    own = EmbeddedSeaweedFS(
        tmp_path / "weed",
        stack.secrets.storage_access_key,
        stack.secrets.storage_secret_key,
        stack.secrets.sts_signing_key,
    )
    own.start()
    try:
        settings = make_settings(stack, s3_endpoint=own.s3_endpoint, storage_metrics_urls=[own.metrics_url])
        account_id = unique_account_id("crash")
        bucket = f"{account_id}-logs"
        s3 = service_client(settings, "s3")
        s3.create_bucket(Bucket=bucket)
        cycle(settings, clock)
        for key in ("1", "2", "3", "4"):
            s3.put_object(Bucket=bucket, Key=key, Body=b"z" * 100)
        cycle(settings, clock)

        own.stop(kill=True)  # a crash: every counter starts again from zero
        own.start()
        s3.put_object(Bucket=bucket, Key="5", Body=b"z" * 100)
        cycle(settings, clock)
    finally:
        own.stop(kill=True)

    path = f"/api/v1/accounts/{account_id}/metering/requests"
    [hour] = _series(staff, path, resolution="1h", count=1)
    assert hour["requests"] == 5 and hour["bytes_in_per_second"] == 500 / 3600


def test_of_two_instances_only_the_leader_writes_and_another_takes_over_when_it_dies(
    settings: Settings, staff: TestClient, clock: FixedClock
) -> None:
    account_id = unique_account_id("twin")
    bucket = f"{account_id}-data"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    short = settings.model_copy(update={"metering_leader_ttl_seconds": 2})

    async def work(first: Collector, second: Collector) -> list[bool]:
        leads = [await first.lead(), await second.lead()]
        await first.collect_requests()
        s3.put_object(Bucket=bucket, Key="one", Body=b"1")
        written = [await first.collect_requests(), await second.collect_requests()]
        # the first instance dies (stops renewing): the second takes over once the lock expires
        while not await second.lead():  # noqa: ASYNC110 - polls the lock in Redis, no local event to wait on
            await asyncio.sleep(0.2)
        s3.put_object(Bucket=bucket, Key="two", Body=b"2")
        written += [await first.collect_requests(), await second.collect_requests()]
        return leads + written

    assert with_collectors(short, clock, 2, work) == [True, False, True, False, False, True]
    [hour] = _series(staff, f"/api/v1/accounts/{account_id}/metering/requests", resolution="1h", count=1)
    assert hour["requests"] == 2


def test_the_daily_usage_export_is_csv_for_billing_even_after_the_account_is_gone(
    settings: Settings, staff: TestClient, clock: FixedClock
) -> None:
    account_id = unique_account_id("bill")
    create_account_with_admin(settings, account_id, f"owner{account_id}")
    bucket = f"{account_id}-data"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    cycle(settings, clock)
    s3.put_object(Bucket=bucket, Key="invoice", Body=b"x" * 4096)
    cycle(settings, clock, capacity=True)
    assert staff.post(f"/api/v1/accounts/{account_id}/disable").status_code == 200
    deleted = staff.post(
        f"/api/v1/accounts/{account_id}/delete", json={"confirm_name": account_id.title(), "purge_data": True}
    )
    assert deleted.status_code == 200, deleted.text

    today = datetime.fromtimestamp(clock.now(), tz=UTC).date().isoformat()
    answer = staff.get(f"/api/v1/accounts/{account_id}/usage.csv", params={"start": today, "end": today})

    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    header, row = answer.text.strip().splitlines()
    assert header.startswith("date,bytes_used,objects,requests,put_requests")
    assert row.startswith(f"{today},4096,1,1,1,")
    wrong = staff.get(f"/api/v1/accounts/{account_id}/usage.csv", params={"start": today, "end": "2000-01-01"})
    assert wrong.status_code == 422


def test_the_listing_that_counts_objects_is_not_billed_to_the_tenant(
    settings: Settings, staff: TestClient, clock: FixedClock, buckets: list[str]
) -> None:
    account_id = unique_account_id("idle")
    bucket = f"{account_id}-archive"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    buckets.append(bucket)
    s3.put_object(Bucket=bucket, Key="a", Body=b"x")
    cycle(settings, clock, capacity=True)  # the baseline, then Coffer lists the bucket to count it
    path = f"/api/v1/accounts/{account_id}/metering/requests"

    clock.advance(10)
    s3.list_objects_v2(Bucket=bucket)  # the tenant's own listing
    cycle(settings, clock, capacity=True)  # and Coffer's second count
    [tenant] = _series(staff, path, resolution="10s", count=1)
    clock.advance(10)
    cycle(settings, clock)
    [idle] = _series(staff, path, resolution="10s", count=1)

    assert tenant["per_second"]["list"] == 0.1 and tenant["requests"] == 1
    assert idle["requests"] == 0
