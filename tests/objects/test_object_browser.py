"""The object browser through the API: folders and pages, details, download links, and who may look."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_user, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import remove_buckets, service_client

LINK_SECONDS = 2


@dataclass
class Tenant:
    account_id: str
    bucket: str
    admin: Person
    s3: Any

    def path(self, suffix: str = "/objects", bucket: str | None = None) -> str:
        return f"/api/v1/accounts/{self.account_id}/buckets/{bucket or self.bucket}{suffix}"


@pytest.fixture
def settings(stack: EmbeddedStack) -> Settings:
    """Download links live two seconds here, so a test sees one expire without a long wait."""
    return make_settings(stack, download_link_seconds=LINK_SECONDS)


@pytest.fixture
def tenant(settings: Settings) -> Iterator[Tenant]:
    account_id = unique_account_id("brw")
    created = create_account_with_admin(settings, account_id, f"alice{account_id}")
    bucket = f"{account_id}-files"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    yield Tenant(account_id, bucket, Person(created.user.username, created.one_time_password), s3)
    remove_buckets(settings, [bucket])


@pytest.fixture
def signed_in(client: TestClient, tenant: Tenant, clock: FixedClock) -> TestClient:
    first_sign_in(client, tenant.admin, clock)
    return client


def _get(client: TestClient, path: str, expect: int = 200, **params: Any) -> dict[str, Any]:
    answer = client.get(path, params=params)
    assert answer.status_code == expect, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _put_many(s3: Any, bucket: str, keys: list[str]) -> None:
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda key: s3.put_object(Bucket=bucket, Key=key, Body=key.encode()), keys))


def test_a_folder_of_2500_objects_pages_and_the_cursor_chain_visits_every_key_once_in_order(
    signed_in: TestClient, tenant: Tenant
) -> None:
    keys = sorted(f"big/{number:05d}.txt" for number in range(2500))
    _put_many(tenant.s3, tenant.bucket, keys)

    first = _get(signed_in, tenant.path(), prefix="big/")
    assert len(first["objects"]) == 200 and first["next_cursor"] is not None  # the default page

    seen: list[str] = []
    pages = 0
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"prefix": "big/", "limit": 1000}
        if cursor:
            params["cursor"] = cursor
        page = _get(signed_in, tenant.path(), **params)
        pages += 1
        assert len(page["objects"]) <= 1000
        seen += [entry["key"] for entry in page["objects"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == keys


def test_folders_are_common_prefixes_shown_before_objects_and_breadcrumbs_descend(
    signed_in: TestClient, tenant: Tenant
) -> None:
    _put_many(tenant.s3, tenant.bucket, ["readme.md", "photos/2024/a.jpg", "photos/b.jpg", "docs/c.pdf"])

    top = _get(signed_in, tenant.path())
    assert top["folders"] == [{"prefix": "docs/", "name": "docs"}, {"prefix": "photos/", "name": "photos"}]
    assert [(entry["key"], entry["name"], entry["size"]) for entry in top["objects"]] == [
        ("readme.md", "readme.md", len(b"readme.md"))
    ]
    assert top["objects"][0]["etag"] and top["objects"][0]["last_modified"]

    photos = _get(signed_in, tenant.path(), prefix="photos/")
    assert photos["folders"] == [{"prefix": "photos/2024/", "name": "2024"}]
    assert [entry["name"] for entry in photos["objects"]] == ["b.jpg"]


def test_details_show_the_metadata_and_tags_set_at_upload(signed_in: TestClient, tenant: Tenant) -> None:
    tenant.s3.put_object(
        Bucket=tenant.bucket,
        Key="reports/q1.csv",
        Body=b"a,b\n1,2\n",
        ContentType="text/csv; charset=utf-8",
        Metadata={"owner": "finance", "reviewed": "yes"},
        Tagging="team=finance&year=2024",
    )

    details = _get(signed_in, tenant.path("/object"), key="reports/q1.csv")

    assert details["size"] == 8
    assert details["content_type"] == "text/csv; charset=utf-8"
    assert details["metadata"] == {"owner": "finance", "reviewed": "yes"}
    assert details["tags"] == {"team": "finance", "year": "2024"}
    assert details["etag"] and details["last_modified"]


def _fetch(url: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 - a presigned http(s) link
            return answer.status, answer.read(), answer.headers.get("Content-Disposition", "")
    except urllib.error.HTTPError as error:
        return error.code, error.read(), ""


def test_the_download_link_gives_the_exact_bytes_without_a_session_and_stops_working_once_expired(
    signed_in: TestClient, tenant: Tenant, settings: Settings
) -> None:
    body = bytes(range(256)) * 40
    tenant.s3.put_object(Bucket=tenant.bucket, Key="bin/blob v1.bin", Body=body)

    answer = signed_in.post(tenant.path("/object/download-link"), json={"key": "bin/blob v1.bin"})

    assert answer.status_code == 200, answer.text
    link = answer.json()
    assert link["url"].startswith(settings.s3_endpoint) and "X-Amz-Signature=" in link["url"]
    assert "X-Amz-Expires=2" in link["url"]
    status, fetched, disposition = _fetch(link["url"])  # urllib sends no cookie: the link alone is the key
    assert (status, fetched) == (200, body)
    assert disposition.startswith('attachment; filename="blob v1.bin"')

    deadline = time.monotonic() + LINK_SECONDS + 10
    while (status := _fetch(link["url"])[0]) == 200 and time.monotonic() < deadline:
        time.sleep(0.25)
    assert status == 403


def test_a_download_link_for_a_missing_object_is_a_404(signed_in: TestClient, tenant: Tenant) -> None:
    answer = signed_in.post(tenant.path("/object/download-link"), json={"key": "no/such.txt"})
    assert answer.status_code == 404
    assert answer.json()["type"].endswith("/no-such-object")


def test_another_accounts_admin_is_refused(
    settings: Settings, tenant: Tenant, clock: FixedClock, client: TestClient
) -> None:
    other = unique_account_id("oth")
    created = create_account_with_admin(settings, other, f"bob{other}")
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)
    tenant.s3.put_object(Bucket=tenant.bucket, Key="secret.txt", Body=b"s")

    assert client.get(tenant.path()).status_code == 403
    assert client.get(tenant.path("/object"), params={"key": "secret.txt"}).status_code == 403
    assert client.post(tenant.path("/object/download-link"), json={"key": "secret.txt"}).status_code == 403


def test_staff_are_refused_because_they_have_no_storage_identity_in_the_account(
    settings: Settings, tenant: Tenant, clock: FixedClock, client: TestClient, admin: Person
) -> None:
    first_sign_in(client, admin, clock)
    answer = client.get(tenant.path())
    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/forbidden")
    assert "staff have no storage identity" in answer.json()["detail"]


@pytest.mark.parametrize(
    "bucket",
    [
        "otheraccount-files",  # another namespace
        "files",  # in no namespace
        "{account}x-files",  # a namespace the account id is only a prefix of
        "{account}-missing",  # in the namespace, but not there
    ],
)
def test_a_bucket_outside_the_namespace_or_missing_is_a_404(signed_in: TestClient, tenant: Tenant, bucket: str) -> None:
    name = bucket.format(account=tenant.account_id)
    answer = signed_in.get(tenant.path(bucket=name))
    assert answer.status_code == 404, answer.text
    assert answer.json()["type"].endswith("/bucket-not-found")
    assert signed_in.get(tenant.path("/object", bucket=name), params={"key": "x"}).status_code == 404


def test_a_member_of_the_account_can_browse_read_details_and_download(
    settings: Settings, tenant: Tenant, clock: FixedClock
) -> None:
    created = create_user(settings, f"carol{tenant.account_id}", "account-member", tenant.account_id)
    tenant.s3.put_object(Bucket=tenant.bucket, Key="shared/notes.txt", Body=b"notes", Tagging="k=v")
    with open_client(settings, clock) as member:
        first_sign_in(member, Person(created.user.username, created.one_time_password), clock)

        assert _get(member, tenant.path())["folders"] == [{"prefix": "shared/", "name": "shared"}]
        assert _get(member, tenant.path("/object"), key="shared/notes.txt")["tags"] == {"k": "v"}
        link = member.post(tenant.path("/object/download-link"), json={"key": "shared/notes.txt"})
        assert link.status_code == 200, link.text
        assert _fetch(link.json()["url"])[:2] == (200, b"notes")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"prefix": "x" * 1025}, "prefix"),
        ({"cursor": "not-a-cursor"}, None),
        ({"unknown": "1"}, "unknown"),
    ],
)
def test_bad_listing_inputs_are_refused(
    signed_in: TestClient, tenant: Tenant, params: dict[str, Any], field: str | None
) -> None:
    answer = signed_in.get(tenant.path(), params=params)
    assert answer.status_code == 422, answer.text


def test_a_cursor_of_another_folder_is_refused(signed_in: TestClient, tenant: Tenant) -> None:
    _put_many(tenant.s3, tenant.bucket, [f"a/{number}" for number in range(3)])
    cursor = _get(signed_in, tenant.path(), prefix="a/", limit=1)["next_cursor"]
    answer = signed_in.get(tenant.path(), params={"prefix": "b/", "cursor": cursor})
    assert answer.status_code == 422
    assert answer.json()["type"].endswith("/invalid-cursor")


@pytest.mark.parametrize("body", [{}, {"key": ""}, {"key": "k" * 1025}, {"key": "a", "extra": 1}])
def test_bad_download_link_requests_are_refused(signed_in: TestClient, tenant: Tenant, body: dict[str, Any]) -> None:
    assert signed_in.post(tenant.path("/object/download-link"), json=body).status_code == 422


def test_the_download_link_points_at_the_public_s3_endpoint_and_works_there(
    stack: EmbeddedStack, tenant: Tenant, clock: FixedClock
) -> None:
    """Signed for the host browsers reach (SigV4 signs the Host), not the one the console talks to."""
    internal = make_settings(stack)
    public = internal.s3_endpoint.replace("127.0.0.1", "localhost")
    settings = make_settings(stack, public_s3_endpoint=public)
    tenant.s3.put_object(Bucket=tenant.bucket, Key="a/b.txt", Body=b"public")
    with open_client(settings, clock) as client:
        first_sign_in(client, tenant.admin, clock)
        link = client.post(tenant.path("/object/download-link"), json={"key": "a/b.txt"}).json()
    assert link["url"].startswith(public + "/")
    assert _fetch(link["url"])[:2] == (200, b"public")


def test_a_refusal_by_the_buckets_own_policy_is_a_readable_403(signed_in: TestClient, tenant: Tenant) -> None:
    deny = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Deny", "Principal": "*", "Action": "s3:ListBucket", "Resource": f"arn:aws:s3:::{tenant.bucket}"}
        ],
    }
    tenant.s3.put_bucket_policy(Bucket=tenant.bucket, Policy=json.dumps(deny))
    try:
        answer = signed_in.get(tenant.path())
    finally:
        tenant.s3.delete_bucket_policy(Bucket=tenant.bucket)
    assert answer.status_code == 403, answer.text
    assert answer.json()["type"].endswith("/storage-access-denied")
