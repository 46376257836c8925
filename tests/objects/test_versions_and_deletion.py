"""Object versions (list, download, restore) and deleting many objects, through the API as the person."""

from __future__ import annotations

import contextlib
import json
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
from botocore.exceptions import ClientError
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_user, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import service_client


@dataclass
class Tenant:
    account_id: str
    bucket: str
    admin: Person
    s3: Any  # the service identity, to set the scene and look behind the API

    def path(self, suffix: str, bucket: str | None = None) -> str:
        return f"/api/v1/accounts/{self.account_id}/buckets/{bucket or self.bucket}{suffix}"

    def versioned(self) -> None:
        self.s3.put_bucket_versioning(Bucket=self.bucket, VersioningConfiguration={"Status": "Enabled"})

    def keys(self, prefix: str = "") -> list[str]:
        pages = self.s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix)
        return [entry["Key"] for page in pages for entry in page.get("Contents", [])]


@pytest.fixture
def tenant(settings: Settings) -> Iterator[Tenant]:
    account_id = unique_account_id("ver")
    created = create_account_with_admin(settings, account_id, f"vic{account_id}")
    bucket = f"{account_id}-docs"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    yield Tenant(account_id, bucket, Person(created.user.username, created.one_time_password), s3)
    with contextlib.suppress(ClientError):  # NoSuchBucketPolicy: most tests set none
        s3.delete_bucket_policy(Bucket=bucket)
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        for entry in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
            s3.delete_object(Bucket=bucket, Key=entry["Key"], VersionId=entry["VersionId"])
    s3.delete_bucket(Bucket=bucket)


@pytest.fixture
def signed_in(client: TestClient, tenant: Tenant, clock: FixedClock) -> TestClient:
    first_sign_in(client, tenant.admin, clock)
    return client


def _ok(answer: Any, status: int = 200) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    return body


def _overwritten(tenant: Tenant, key: str = "notes.txt") -> tuple[str, str]:
    tenant.versioned()
    old = tenant.s3.put_object(Bucket=tenant.bucket, Key=key, Body=b"old")["VersionId"]
    new = tenant.s3.put_object(Bucket=tenant.bucket, Key=key, Body=b"newer, longer")["VersionId"]
    return old, new


def test_versions_list_the_overwritten_object_newest_first_without_longer_keys(
    signed_in: TestClient, tenant: Tenant
) -> None:
    old, new = _overwritten(tenant)
    tenant.s3.put_object(Bucket=tenant.bucket, Key="notes.txt.bak", Body=b"other")

    listed = _ok(signed_in.get(tenant.path("/object/versions"), params={"key": "notes.txt"}))

    assert [(v["version_id"], v["size"], v["latest"], v["delete_marker"]) for v in listed["versions"]] == [
        (new, 13, True, False),
        (old, 3, False, False),
    ]
    assert all(version["last_modified"] and version["etag"] for version in listed["versions"])


def test_an_unversioned_object_has_one_null_version(signed_in: TestClient, tenant: Tenant) -> None:
    tenant.s3.put_object(Bucket=tenant.bucket, Key="plain.txt", Body=b"p")
    listed = _ok(signed_in.get(tenant.path("/object/versions"), params={"key": "plain.txt"}))
    assert [(v["version_id"], v["latest"]) for v in listed["versions"]] == [("null", True)]


def test_an_old_version_downloads_with_its_own_bytes(signed_in: TestClient, tenant: Tenant) -> None:
    old, _ = _overwritten(tenant)
    link = _ok(
        signed_in.post(tenant.path("/object/versions/download-link"), json={"key": "notes.txt", "version_id": old})
    )
    assert f"versionId={old}" in link["url"]
    with urllib.request.urlopen(link["url"], timeout=5) as answer:  # noqa: S310 - a presigned http link
        assert answer.read() == b"old"
        assert answer.headers["Content-Disposition"].startswith('attachment; filename="notes.txt"')


def test_restoring_an_old_version_makes_its_bytes_the_latest_and_keeps_the_others(
    signed_in: TestClient, tenant: Tenant
) -> None:
    old, new = _overwritten(tenant)

    restored = _ok(
        signed_in.post(tenant.path("/object/versions/restore"), json={"key": "notes.txt", "version_id": old})
    )

    latest = restored["versions"][0]
    assert latest["latest"] and latest["size"] == 3 and latest["version_id"] not in (old, new)
    assert {old, new} <= {version["version_id"] for version in restored["versions"]}
    assert tenant.s3.get_object(Bucket=tenant.bucket, Key="notes.txt")["Body"].read() == b"old"
    details = _ok(signed_in.get(tenant.path("/object"), params={"key": "notes.txt"}))
    assert details["size"] == 3
    audit = signed_in.get("/api/v1/audit", params={"action": "object."}).json()["items"]
    assert [(event["action"], event["target"], event["detail"]) for event in audit] == [
        ("object.restore", f"{tenant.bucket}/notes.txt", f"version {old}")
    ]


def test_a_deleted_object_comes_back_by_restoring_the_version_behind_its_delete_marker(
    signed_in: TestClient, tenant: Tenant
) -> None:
    old, new = _overwritten(tenant)
    marker = tenant.s3.delete_object(Bucket=tenant.bucket, Key="notes.txt")["VersionId"]
    listed = _ok(signed_in.get(tenant.path("/object/versions"), params={"key": "notes.txt"}))["versions"]
    assert (listed[0]["version_id"], listed[0]["delete_marker"], listed[0]["latest"]) == (marker, True, True)

    refused = signed_in.post(tenant.path("/object/versions/restore"), json={"key": "notes.txt", "version_id": marker})
    assert refused.status_code == 409 and refused.json()["type"].endswith("/delete-marker")
    _ok(signed_in.post(tenant.path("/object/versions/restore"), json={"key": "notes.txt", "version_id": new}))
    assert tenant.s3.get_object(Bucket=tenant.bucket, Key="notes.txt")["Body"].read() == b"newer, longer"


@pytest.mark.parametrize(
    ("body", "status", "slug"),
    [
        ({"key": "notes.txt", "version_id": "no-such-version"}, 404, "no-such-version"),
        ({"key": "never-was.txt", "version_id": "null"}, 404, "no-such-object"),
        ({"key": "notes.txt", "version_id": ""}, 422, "validation"),
        ({"key": "", "version_id": "null"}, 422, "validation"),
        ({"key": "notes.txt"}, 422, "validation"),
    ],
)
def test_restoring_what_is_not_there_is_refused(
    signed_in: TestClient, tenant: Tenant, body: dict[str, str], status: int, slug: str
) -> None:
    _overwritten(tenant)
    for route in ("/object/versions/restore", "/object/versions/download-link"):
        answer = signed_in.post(tenant.path(route), json=body)
        assert answer.status_code == status, answer.text
        assert answer.json()["type"].endswith(f"/{slug}")


def _put_many(tenant: Tenant, keys: list[str]) -> None:
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda key: tenant.s3.put_object(Bucket=tenant.bucket, Key=key, Body=b"x"), keys))


def test_deleting_objects_and_a_folder_of_1500_deletes_everything_chosen_and_nothing_else(
    signed_in: TestClient, tenant: Tenant
) -> None:
    folder = [f"logs/2024/{number:04d}.log" for number in range(1500)]
    _put_many(tenant, [*folder, "a.txt", "b.txt", "keep.txt", "logs-other/x.log"])

    chosen = {"keys": ["a.txt", "b.txt", "logs/2024/0001.log"], "prefixes": ["logs/"]}
    result = _ok(signed_in.post(tenant.path("/objects/delete"), json=chosen))

    assert result == {"deleted": 1502, "delete_markers": 0, "failed": []}  # a key chosen twice counts once
    assert sorted(tenant.keys()) == ["keep.txt", "logs-other/x.log"]
    audit = signed_in.get("/api/v1/audit", params={"action": "objects."}).json()["items"]
    assert [(event["action"], event["target"]) for event in audit] == [("objects.delete", tenant.bucket)]
    assert audit[0]["detail"].startswith("1502 deleted (0 delete markers), 0 refused")


def test_in_a_versioned_bucket_a_delete_leaves_a_delete_marker_and_the_data_stays_restorable(
    signed_in: TestClient, tenant: Tenant
) -> None:
    old, new = _overwritten(tenant)
    tenant.s3.put_object(Bucket=tenant.bucket, Key="other.txt", Body=b"o")

    result = _ok(signed_in.post(tenant.path("/objects/delete"), json={"keys": ["notes.txt", "other.txt"]}))

    assert result == {"deleted": 2, "delete_markers": 2, "failed": []}
    assert tenant.keys() == []
    versions = _ok(signed_in.get(tenant.path("/object/versions"), params={"key": "notes.txt"}))["versions"]
    assert versions[0]["delete_marker"] and {old, new} <= {version["version_id"] for version in versions}


def test_keys_the_storage_refuses_are_reported_with_why_and_the_rest_are_deleted(
    signed_in: TestClient, tenant: Tenant
) -> None:
    _put_many(tenant, ["kept/contract.pdf", "scratch.txt"])
    deny = {
        "Effect": "Deny",
        "Principal": "*",
        "Action": ["s3:DeleteObject"],
        "Resource": [f"arn:aws:s3:::{tenant.bucket}/kept/*"],
    }
    tenant.s3.put_bucket_policy(Bucket=tenant.bucket, Policy=json.dumps({"Version": "2012-10-17", "Statement": [deny]}))

    result = _ok(signed_in.post(tenant.path("/objects/delete"), json={"keys": ["kept/contract.pdf", "scratch.txt"]}))

    assert result["deleted"] == 1
    refused = [(failure["key"], failure["code"]) for failure in result["failed"]]
    assert refused == [("kept/contract.pdf", "AccessDenied")]
    assert tenant.keys() == ["kept/contract.pdf"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, None),
        ({"keys": [], "prefixes": []}, None),
        ({"prefixes": ["logs"]}, "prefixes"),
        ({"prefixes": ["/"]}, "prefixes"),
        ({"keys": [""]}, "keys"),
        ({"keys": [f"k{number}" for number in range(1001)]}, "keys"),
        ({"keys": ["a"], "extra": 1}, "extra"),
    ],
)
def test_a_deletion_without_a_valid_choice_is_refused(
    signed_in: TestClient, tenant: Tenant, body: dict[str, Any], field: str | None
) -> None:
    _put_many(tenant, ["logs/a.log"])
    answer = signed_in.post(tenant.path("/objects/delete"), json=body)
    assert answer.status_code == 422, answer.text
    if field is None:
        assert answer.json()["type"].endswith("/nothing-to-delete")
    else:
        assert field in [error["field"] for error in answer.json()["errors"]]
    assert tenant.keys() == ["logs/a.log"]


def test_a_member_restores_and_deletes_with_their_own_write_access(
    settings: Settings, tenant: Tenant, clock: FixedClock
) -> None:
    old, _ = _overwritten(tenant)
    member = create_user(settings, f"mem{tenant.account_id}", "account-member", tenant.account_id)
    with open_client(settings, clock) as client:
        first_sign_in(client, Person(member.user.username, member.one_time_password), clock)
        _ok(client.post(tenant.path("/object/versions/restore"), json={"key": "notes.txt", "version_id": old}))
        assert _ok(client.post(tenant.path("/objects/delete"), json={"keys": ["notes.txt"]}))["deleted"] == 1
    assert tenant.keys() == []


@pytest.mark.parametrize("bucket", ["otheraccount-files", "files"])
def test_a_bucket_outside_the_account_is_not_found(signed_in: TestClient, tenant: Tenant, bucket: str) -> None:
    for answer in (
        signed_in.get(tenant.path("/object/versions", bucket=bucket), params={"key": "a"}),
        signed_in.post(tenant.path("/object/versions/restore", bucket=bucket), json={"key": "a", "version_id": "null"}),
        signed_in.post(tenant.path("/objects/delete", bucket=bucket), json={"keys": ["a"]}),
    ):
        assert answer.status_code == 404, answer.text
        assert answer.json()["type"].endswith("/bucket-not-found")


def test_staff_and_another_accounts_admin_are_refused(
    settings: Settings, tenant: Tenant, clock: FixedClock, client: TestClient, admin: Person
) -> None:
    tenant.s3.put_object(Bucket=tenant.bucket, Key="secret.txt", Body=b"s")
    first_sign_in(client, admin, clock)
    answer = client.post(tenant.path("/objects/delete"), json={"keys": ["secret.txt"]})
    assert answer.status_code == 403 and "staff have no storage identity" in answer.json()["detail"]
    restore = client.post(tenant.path("/object/versions/restore"), json={"key": "secret.txt", "version_id": "null"})
    assert restore.status_code == 403

    other = unique_account_id("oth")
    created = create_account_with_admin(settings, other, f"bob{other}")
    with open_client(settings, clock) as outsider:
        first_sign_in(outsider, Person(created.user.username, created.one_time_password), clock)
        assert outsider.post(tenant.path("/objects/delete"), json={"keys": ["secret.txt"]}).status_code == 403
        assert outsider.get(tenant.path("/object/versions"), params={"key": "secret.txt"}).status_code == 403
    assert tenant.keys() == ["secret.txt"]


def test_a_key_with_more_versions_than_one_listing_page_shows_them_all_and_no_longer_key(
    signed_in: TestClient, tenant: Tenant
) -> None:
    tenant.versioned()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda n: tenant.s3.put_object(Bucket=tenant.bucket, Key="busy.txt", Body=b"v" * n), range(1005)))
    # Longer keys sharing the prefix: SeaweedFS 4.48 ends a page with them and drops the rest of the
    # key's versions from its next page, unless the provider asks again from the key's last version.
    _put_many(tenant, [*(f"busy.txt/{number}" for number in range(5)), "busy.txt.bak"])

    versions = _ok(signed_in.get(tenant.path("/object/versions"), params={"key": "busy.txt"}))["versions"]

    assert len(versions) == 1005 and len({version["version_id"] for version in versions}) == 1005
    assert [version["latest"] for version in versions].count(True) == 1 and versions[0]["latest"]
    assert versions[0]["size"] == tenant.s3.head_object(Bucket=tenant.bucket, Key="busy.txt")["ContentLength"]
