"""Two real `weed s3` gateways on one filer, as a cluster runs them behind a load balancer.

Each gateway counts only the requests it served and starts again from zero when it restarts; the
collector reads both and adds their differences, so the charts show every request exactly once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider
from coffer.clock import FixedClock
from coffer.data_access import Access
from coffer.embedded.seaweedfs import EmbeddedS3Gateway
from coffer.embedded.stack import EmbeddedStack
from coffer.providers.base import TemporaryCredentials
from coffer.settings import Settings

from ..conftest import make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import remove_buckets
from .conftest import cycle


@pytest.fixture(scope="module")
def gateway_b(stack: EmbeddedStack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedS3Gateway]:
    gateway = EmbeddedS3Gateway.beside(stack.seaweedfs, tmp_path_factory.mktemp("gateway-b"))
    gateway.start()
    yield gateway
    gateway.stop()


@pytest.fixture
def two_gateways(stack: EmbeddedStack, gateway_b: EmbeddedS3Gateway) -> Settings:
    """Coffer's settings with both gateways' counters (S3 itself still goes to the first)."""
    return make_settings(stack, storage_metrics_urls=[stack.seaweedfs.metrics_url, gateway_b.metrics_url])


def _s3(settings: Settings, endpoint: str) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=settings.storage_access_key,
        aws_secret_access_key=settings.storage_secret_key.get_secret_value(),
    )


def _requests(staff: TestClient, account_id: str, bucket: str | None = None) -> dict[str, Any]:
    params: dict[str, Any] = {"resolution": "1h", "count": 1} | ({"bucket": bucket} if bucket else {})
    answer = staff.get(f"/api/v1/accounts/{account_id}/metering/requests", params=params)
    assert answer.status_code == 200, answer.text
    [point] = answer.json()["points"]
    return dict(point)


def _per_operation(point: dict[str, Any]) -> dict[str, int]:
    """Requests in the hour by operation (per_second × 3600 gives the counts back)."""
    return {operation: round(rate * 3600) for operation, rate in point["per_second"].items()}


@pytest.fixture
def staff(two_gateways: Settings, admin: Person, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(two_gateways, clock) as client:
        first_sign_in(client, admin, clock)
        yield client


def test_requests_served_by_two_gateways_add_up_exactly_per_bucket_and_operation(
    stack: EmbeddedStack, gateway_b: EmbeddedS3Gateway, two_gateways: Settings, staff: TestClient, clock: FixedClock
) -> None:
    account_id = unique_account_id("gw")
    logs, photos = f"{account_id}-logs", f"{account_id}-photos"
    a, b = _s3(two_gateways, stack.seaweedfs.s3_endpoint), _s3(two_gateways, gateway_b.s3_endpoint)
    a.create_bucket(Bucket=logs)
    b.create_bucket(Bucket=photos)  # a bucket made through B is at once a bucket on A
    try:
        cycle(two_gateways, clock)  # the baseline of both gateways
        for key in ("1", "2", "3"):
            a.put_object(Bucket=logs, Key=key, Body=b"a" * 100)
        for key in ("4", "5"):
            b.put_object(Bucket=logs, Key=key, Body=b"b" * 100)
        b.get_object(Bucket=logs, Key="1")["Body"].read()  # written through A, read through B
        a.list_objects_v2(Bucket=photos)
        b.put_object(Bucket=photos, Key="p", Body=b"p" * 1000)
        b.delete_object(Bucket=logs, Key="2")
        cycle(two_gateways, clock, capacity=True)

        logs_hour, photos_hour = _requests(staff, account_id, logs), _requests(staff, account_id, photos)
        assert _per_operation(logs_hour) == {"put": 5, "get": 1, "delete": 1, "list": 0, "other": 0}
        assert _per_operation(photos_hour) == {"put": 1, "get": 0, "delete": 0, "list": 1, "other": 0}
        assert _requests(staff, account_id)["requests"] == 9
        assert round(_requests(staff, account_id)["bytes_in_per_second"] * 3600) == 1500
    finally:
        remove_buckets(two_gateways, [logs, photos])


def test_a_gateway_that_restarts_or_stops_answering_loses_nor_doubles_what_it_counted(
    stack: EmbeddedStack, gateway_b: EmbeddedS3Gateway, two_gateways: Settings, staff: TestClient, clock: FixedClock
) -> None:
    account_id = unique_account_id("gwr")
    bucket = f"{account_id}-data"
    a, b = _s3(two_gateways, stack.seaweedfs.s3_endpoint), _s3(two_gateways, gateway_b.s3_endpoint)
    a.create_bucket(Bucket=bucket)
    try:
        cycle(two_gateways, clock)
        for key in ("1", "2"):
            b.put_object(Bucket=bucket, Key=key, Body=b"x")
        a.put_object(Bucket=bucket, Key="3", Body=b"x")
        cycle(two_gateways, clock)
        assert _requests(staff, account_id)["requests"] == 3

        gateway_b.stop(kill=True)  # B crashes: its counters are gone with it
        a.put_object(Bucket=bucket, Key="4", Body=b"x")
        cycle(two_gateways, clock)  # B does not answer: A's request counts, B's last reading is kept
        assert _requests(staff, account_id)["requests"] == 4

        gateway_b.start()  # back from zero
        b.put_object(Bucket=bucket, Key="5", Body=b"x")
        cycle(two_gateways, clock)
        assert _requests(staff, account_id)["requests"] == 5
        cycle(two_gateways, clock)  # nothing new: nothing added
        assert _per_operation(_requests(staff, account_id)) == {"put": 5, "get": 0, "delete": 0, "list": 0, "other": 0}
    finally:
        if not gateway_b.running:
            gateway_b.start()
        remove_buckets(two_gateways, [bucket])


def test_credentials_minted_through_one_gateway_work_on_the_other(
    stack: EmbeddedStack, gateway_b: EmbeddedS3Gateway
) -> None:
    """Stateless STS: both gateways verify the session token with the same signing key and the filer's IAM."""
    settings = make_settings(stack)  # STS through gateway A
    account_id = unique_account_id("gws")
    bucket, elsewhere = f"{account_id}-shared", f"{unique_account_id('gwo')}-data"

    async def issue() -> TemporaryCredentials:
        provider = build_provider(settings)
        try:
            return await provider.assume_console_role(account_id, "member", Access(account="read-write"), 900)
        finally:
            await provider.close()

    credentials = asyncio.run(issue())
    on_b = boto3.client(
        "s3",
        endpoint_url=gateway_b.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
    )
    for name in (bucket, elsewhere):
        _s3(settings, stack.seaweedfs.s3_endpoint).create_bucket(Bucket=name)
    try:
        on_b.put_object(Bucket=bucket, Key="from-b", Body=b"hello")
        assert on_b.get_object(Bucket=bucket, Key="from-b")["Body"].read() == b"hello"
        with pytest.raises(on_b.exceptions.ClientError) as refused:  # the session policy holds on B too
            on_b.list_objects_v2(Bucket=elsewhere)
        assert refused.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        remove_buckets(settings, [bucket, elsewhere])
