"""Account users see their buckets through STS credentials, confined to their account; no root keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import boto3
import pytest
from starlette.testclient import TestClient

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import create_account_with_admin, unique_account_id
from ..flows import Person, first_sign_in, sign_in
from ..storage import service_client


@pytest.fixture
def two_accounts(settings: Settings) -> Iterator[tuple[str, Person, str]]:
    """Account A with its admin and a bucket; account B with a bucket of its own."""
    own, other = unique_account_id("own"), unique_account_id("other")
    created = create_account_with_admin(settings, own, f"alice{own}")
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=f"{own}-photos")
    create_account_with_admin(settings, other, f"bob{other}")  # before its bucket: the account owns its namespace
    s3.create_bucket(Bucket=f"{other}-secrets")
    yield own, Person(created.user.username, created.one_time_password), other
    for bucket in (f"{own}-photos", f"{other}-secrets"):
        s3.delete_bucket(Bucket=bucket)


def test_account_admin_sees_only_the_accounts_buckets(
    client: TestClient, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    first_sign_in(client, alice, clock)

    answer = client.get(f"/api/v1/accounts/{own}/buckets")

    assert answer.status_code == 200, answer.text
    assert [bucket["name"] for bucket in answer.json()["items"]] == [f"{own}-photos"]


def test_account_user_cannot_list_another_accounts_buckets(
    client: TestClient, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    first_sign_in(client, alice, clock)

    answer = client.get(f"/api/v1/accounts/{other}/buckets")

    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/forbidden")


def test_the_session_credentials_are_refused_by_s3_outside_the_account(
    client: TestClient, settings: Settings, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    """The storage system enforces the boundary a second time, whatever Coffer's own check says."""
    import asyncio

    from coffer.app import build_provider
    from coffer.data_access import MANAGE
    from coffer.sealing import Sealer
    from coffer.store.credentials import CredentialStore
    from coffer.sts.service import StorageCredentials

    own, alice, other = two_accounts
    signed_in = first_sign_in(client, alice, clock)
    assert signed_in["me"]["account_id"] == own
    token = client.cookies.get("__Host-coffer_session") or ""
    import jwt

    sid = jwt.decode(token, options={"verify_signature": False})["sid"]

    async def read_credentials() -> Any:
        connection = redis_connection(settings)
        provider = build_provider(settings)
        try:
            store = StorageCredentials(
                provider, CredentialStore(connection.redis), Sealer(settings.master_key_bytes()), clock, 900, 120
            )
            return await store.current(sid, MANAGE)
        finally:
            await provider.close()
            await connection.close()

    credentials = asyncio.run(read_credentials())
    assert credentials is not None
    s3 = boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
    )
    s3.put_object(Bucket=f"{own}-photos", Key="hello.txt", Body=b"hi")
    with pytest.raises(s3.exceptions.ClientError, match="AccessDenied"):
        s3.list_objects_v2(Bucket=f"{other}-secrets")
    with pytest.raises(s3.exceptions.ClientError, match="AccessDenied"):
        s3.put_object(Bucket=f"{other}-secrets", Key="x", Body=b"x")
    s3.delete_object(Bucket=f"{own}-photos", Key="hello.txt")


def test_sign_out_deletes_the_session_credentials(
    client: TestClient, settings: Settings, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    first_sign_in(client, alice, clock)
    assert client.post("/api/v1/auth/logout").status_code == 204
    keys = [key for key in _redis_keys(settings) if key.endswith(":storage-credentials")]
    assert keys == []


def _redis_keys(settings: Settings) -> list[str]:
    import redis

    connection = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    try:
        return list(connection.scan_iter(match="coffer:*"))
    finally:
        connection.close()


def test_no_secret_reaches_the_browser_or_redis_in_clear(
    client: TestClient, settings: Settings, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    first_sign_in(client, alice, clock)
    listing = client.get(f"/api/v1/accounts/{own}/buckets").text
    assert "SessionToken" not in listing and "secret" not in listing.lower()
    import redis

    connection = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    try:
        values = [
            str(connection.get(key))
            for key in connection.scan_iter(match="coffer:*")
            if connection.type(key) == "string"
        ]
    finally:
        connection.close()
    assert not any(settings.storage_secret_key.get_secret_value() in value for value in values)
    assert not any("SecretAccessKey" in value or "secret_access_key" in value for value in values)


def test_no_root_keys_ten_sign_ins_leave_every_access_key_list_unchanged(
    client: TestClient, settings: Settings, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    iam = service_client(settings, "iam")
    # one user holds a key of their own, so the comparison is not between empty lists only
    iam.create_access_key(UserName=f"{own}.{alice.username}")

    def all_keys() -> dict[str, list[str]]:
        users = [user["UserName"] for user in iam.list_users()["Users"]]
        return {
            user: sorted(key["AccessKeyId"] for key in iam.list_access_keys(UserName=user)["AccessKeyMetadata"])
            for user in users
        }

    before = all_keys()
    assert f"{own}.{alice.username}" in before
    first_sign_in(client, alice, clock)
    for _ in range(9):
        sign_in(client, alice, clock)
        assert client.get(f"/api/v1/accounts/{own}/buckets").status_code == 200

    assert all_keys() == before


def test_platform_admin_lists_any_accounts_buckets(
    client: TestClient, admin: Person, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    first_sign_in(client, admin, clock)
    answer = client.get(f"/api/v1/accounts/{other}/buckets")
    assert [bucket["name"] for bucket in answer.json()["items"]] == [f"{other}-secrets"]


def test_unknown_account_is_not_found(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    answer = client.get("/api/v1/accounts/nosuchaccount/buckets")
    assert answer.status_code == 404


def test_credentials_close_to_expiry_are_refreshed(
    client: TestClient, settings: Settings, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, other = two_accounts
    first_sign_in(client, alice, clock)
    before = _sealed_credentials(settings)

    clock.advance(600)
    assert client.get(f"/api/v1/accounts/{own}/buckets").status_code == 200
    assert _sealed_credentials(settings) == before  # still fresh: not asked again

    clock.advance(200)  # now within the refresh margin of the 900 s credentials
    assert client.get(f"/api/v1/accounts/{own}/buckets").status_code == 200
    assert _sealed_credentials(settings) != before


def _sealed_credentials(settings: Settings) -> list[str]:
    import redis

    connection = redis.Redis.from_url(settings.redis_url, decode_responses=True)
    try:
        return [str(connection.get(key)) for key in connection.scan_iter(match="coffer:*:storage-credentials")]
    finally:
        connection.close()


def test_bucket_creation_dates_are_the_ones_the_storage_wrote(
    client: TestClient, settings: Settings, two_accounts: tuple[str, Person, str], clock: FixedClock
) -> None:
    own, alice, _ = two_accounts
    first_sign_in(client, alice, clock)
    written = {
        bucket["Name"]: bucket["CreationDate"] for bucket in service_client(settings, "s3").list_buckets()["Buckets"]
    }

    answer = client.get(f"/api/v1/accounts/{own}/buckets")

    (bucket,) = answer.json()["items"]
    assert datetime.fromisoformat(bucket["created_at"]) == written[f"{own}-photos"]
