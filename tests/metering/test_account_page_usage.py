"""The account page's objects and bytes come from the last capacity sample, so it stays fast for big
accounts: a page view never lists objects, and a bucket made since that sample is not measured yet."""

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
from .test_capacity_cycles import lists


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


def test_before_any_sample_the_account_page_lists_no_objects_and_the_next_sample_measures_them(
    settings: Settings, staff: TestClient, clock: FixedClock, buckets: list[str]
) -> None:
    account_id = unique_account_id("fresh")
    create_account_with_admin(settings, account_id, f"admin{account_id}")
    cycle(settings, clock)  # the metering baseline
    s3 = service_client(settings, "s3")
    bucket = f"{account_id}-new"
    s3.create_bucket(Bucket=bucket)
    buckets.append(bucket)
    s3.put_object(Bucket=bucket, Key="a", Body=b"x" * 300)
    listed = lists(settings, bucket)

    assert usage(staff, account_id) == (1, 0, 0, None)  # not measured yet
    assert lists(settings, bucket) == listed
    clock.advance(10)
    cycle(settings, clock, capacity=True)
    assert usage(staff, account_id)[:3] == (1, 1, 300)
    requests = staff.get(f"/api/v1/accounts/{account_id}/metering/requests", params={"resolution": "10s", "count": 1})
    assert requests.json()["points"][0]["per_second"]["list"] == 0  # counting is not billed as the tenant's LIST


def test_the_account_page_shows_the_last_sample_and_leaves_buckets_made_since_unmeasured(
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

    assert (buckets, objects, used) == (2, 2, 2000)
    assert measured_at is not None and datetime.fromisoformat(measured_at).timestamp() == pytest.approx(sampled_at)
