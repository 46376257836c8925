"""The account page's objects and bytes come from the last capacity sample, so it stays fast for big
accounts; a bucket made since that sample is counted on the spot, so nothing is left out."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import service_client
from .conftest import cycle


@pytest.fixture
def staff(settings: Settings, admin: Person, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(settings, clock) as client:
        first_sign_in(client, admin, clock)
        yield client


def usage(staff: TestClient, account_id: str) -> tuple[int, int, int, str | None]:
    detail = staff.get(f"/api/v1/accounts/{account_id}")
    assert detail.status_code == 200, detail.text
    body = detail.json()
    return body["buckets"], body["objects"], body["bytes_used"], body["usage_measured_at"]


def test_before_any_sample_the_account_page_counts_usage_now(
    settings: Settings, staff: TestClient, clock: FixedClock, buckets: list[str]
) -> None:
    account_id = unique_account_id("fresh")
    create_account_with_admin(settings, account_id, f"admin{account_id}")
    cycle(settings, clock)  # the metering baseline
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=f"{account_id}-new")
    buckets.append(f"{account_id}-new")
    s3.put_object(Bucket=f"{account_id}-new", Key="a", Body=b"x" * 300)

    assert usage(staff, account_id) == (1, 1, 300, None)
    clock.advance(10)
    cycle(settings, clock)
    requests = staff.get(f"/api/v1/accounts/{account_id}/metering/requests", params={"resolution": "10s", "count": 1})
    assert requests.json()["points"][0]["per_second"]["list"] == 0  # counting is not billed as the tenant's LIST


def test_the_account_page_shows_the_last_sample_and_counts_only_buckets_made_since(
    settings: Settings, staff: TestClient, clock: FixedClock, buckets: list[str]
) -> None:
    account_id = unique_account_id("sampled")
    create_account_with_admin(settings, account_id, f"admin{account_id}")
    s3 = service_client(settings, "s3")
    old, new = f"{account_id}-old", f"{account_id}-new"
    buckets += [old, new]
    s3.create_bucket(Bucket=old)
    for key in ("a", "b"):
        s3.put_object(Bucket=old, Key=key, Body=b"x" * 1000)
    cycle(settings, clock, capacity=True)
    sampled_at = clock.now()
    clock.advance(120)
    s3.put_object(Bucket=old, Key="c", Body=b"x" * 1000)  # after the sample: shown from the next one
    s3.create_bucket(Bucket=new)
    s3.put_object(Bucket=new, Key="z", Body=b"y" * 500)

    buckets, objects, used, measured_at = usage(staff, account_id)

    assert (buckets, objects, used) == (2, 3, 2500)
    assert measured_at is not None and datetime.fromisoformat(measured_at).timestamp() == pytest.approx(sampled_at)
