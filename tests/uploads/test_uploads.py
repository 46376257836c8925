"""Uploads through the API against real SeaweedFS: the bytes go to presigned links, as a browser sends them."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.uploads.service import MIB, PART_SIZE, SINGLE_PUT_MAX

from ..conftest import create_account_with_admin, create_user, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import service_client

ORIGIN = "http://127.0.0.1:8080"


@dataclass
class Tenant:
    account_id: str
    bucket: str
    admin: Person
    s3: Any

    def path(self, suffix: str = "/uploads", bucket: str | None = None) -> str:
        return f"/api/v1/accounts/{self.account_id}/buckets/{bucket or self.bucket}{suffix}"


@pytest.fixture
def settings(stack: EmbeddedStack) -> Settings:
    return make_settings(stack, public_origin=ORIGIN)


@pytest.fixture
def tenant(settings: Settings) -> Iterator[Tenant]:
    account_id = unique_account_id("upl")
    created = create_account_with_admin(settings, account_id, f"alice{account_id}")
    bucket = f"{account_id}-files"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    yield Tenant(account_id, bucket, Person(created.user.username, created.one_time_password), s3)
    for upload in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket):
        for entry in page.get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=entry["Key"])
    s3.delete_bucket(Bucket=bucket)


@pytest.fixture
def signed_in(client: TestClient, tenant: Tenant, clock: FixedClock) -> TestClient:
    first_sign_in(client, tenant.admin, clock)
    return client


def _post(client: TestClient, path: str, body: dict[str, Any], expect: int = 200) -> Any:
    answer = client.post(path, json=body)
    assert answer.status_code == expect, answer.text
    return answer.json() if answer.content else None


def _start(client: TestClient, tenant: Tenant, key: str, size: int, **extra: Any) -> dict[str, Any]:
    plan: dict[str, Any] = _post(client, tenant.path(), {"key": key, "size": size, **extra})
    return plan


def _part_links(client: TestClient, tenant: Tenant, key: str, upload_id: str, numbers: list[int]) -> dict[int, str]:
    links = _post(client, tenant.path(f"/uploads/{upload_id}/part-links"), {"key": key, "part_numbers": numbers})
    return {link["part_number"]: link["url"] for link in links["parts"]}


def _put_parts(links: dict[int, str], data: bytes, part_size: int) -> None:
    """PUTs the parts in parallel with httpx, no cookie and no credential: the link alone is the key."""

    def put(number: int) -> None:
        body = data[(number - 1) * part_size : number * part_size]
        answer = httpx.put(links[number], content=body, headers={"Origin": ORIGIN}, timeout=30)
        assert answer.status_code == 200, answer.text

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(put, links))


def _pending_uploads(tenant: Tenant) -> list[str]:
    return [upload["Key"] for upload in tenant.s3.list_multipart_uploads(Bucket=tenant.bucket).get("Uploads", [])]


def _read(tenant: Tenant, key: str) -> bytes:
    body: bytes = tenant.s3.get_object(Bucket=tenant.bucket, Key=key)["Body"].read()
    return body


def test_a_multipart_upload_in_parallel_parts_gives_back_exactly_the_bytes_sent(
    signed_in: TestClient, tenant: Tenant
) -> None:
    data = os.urandom(2 * PART_SIZE + 12345)
    plan = _start(signed_in, tenant, "videos/clip one.bin", len(data), content_type="video/x-test")
    assert plan["url"] is None and plan["upload_id"]
    assert (plan["part_size"], plan["parts"]) == (PART_SIZE, 3)

    links = _part_links(signed_in, tenant, "videos/clip one.bin", plan["upload_id"], [1, 2, 3])
    assert all("X-Amz-Signature=" in url and "X-Amz-Credential=" in url for url in links.values())
    _put_parts(links, data, plan["part_size"])
    done = _post(
        signed_in,
        tenant.path(f"/uploads/{plan['upload_id']}/complete"),
        {"key": "videos/clip one.bin", "size": len(data)},
    )

    assert done["size"] == len(data) and done["etag"].endswith("-3")
    assert _read(tenant, "videos/clip one.bin") == data
    assert tenant.s3.head_object(Bucket=tenant.bucket, Key="videos/clip one.bin")["ContentType"] == "video/x-test"
    assert _pending_uploads(tenant) == []
    audit = signed_in.get("/api/v1/audit", params={"action": "object.upload"}).json()
    assert any(entry["target"] == f"{tenant.bucket}/videos/clip one.bin" for entry in audit["items"]), audit


def test_a_resumed_upload_sends_only_the_parts_not_listed_as_done(signed_in: TestClient, tenant: Tenant) -> None:
    data = os.urandom(3 * PART_SIZE + 1)
    plan = _start(signed_in, tenant, "resume.bin", len(data))
    upload = plan["upload_id"]
    _put_parts(_part_links(signed_in, tenant, "resume.bin", upload, [1, 3]), data, plan["part_size"])

    listed = signed_in.get(tenant.path(f"/uploads/{upload}/parts"), params={"key": "resume.bin"})
    assert listed.status_code == 200, listed.text
    assert [(part["part_number"], part["size"]) for part in listed.json()["parts"]] == [(1, PART_SIZE), (3, PART_SIZE)]

    early = signed_in.post(tenant.path(f"/uploads/{upload}/complete"), json={"key": "resume.bin", "size": len(data)})
    assert early.status_code == 409, early.text
    assert early.json()["type"].endswith("/upload-incomplete") and "2, 4" in early.json()["detail"]

    _put_parts(_part_links(signed_in, tenant, "resume.bin", upload, [2, 4]), data, plan["part_size"])
    _post(signed_in, tenant.path(f"/uploads/{upload}/complete"), {"key": "resume.bin", "size": len(data)})
    assert _read(tenant, "resume.bin") == data


def _drop_mid_part(url: str, body: bytes) -> None:
    """A connection lost halfway through a part: the request announces the whole part, sends half, and ends."""
    where = urlsplit(url)
    with socket.create_connection((where.hostname or "127.0.0.1", where.port or 80)) as connection:
        head = f"PUT {where.path}?{where.query} HTTP/1.1\r\nHost: {where.netloc}\r\nContent-Length: {len(body)}\r\n\r\n"
        connection.sendall(head.encode() + body[: len(body) // 2])


def test_a_part_whose_connection_dropped_is_retried_and_the_upload_completes(
    signed_in: TestClient, tenant: Tenant
) -> None:
    data = os.urandom(PART_SIZE + SINGLE_PUT_MAX)
    plan = _start(signed_in, tenant, "retry.bin", len(data))
    upload, size = plan["upload_id"], plan["part_size"]
    _put_parts(_part_links(signed_in, tenant, "retry.bin", upload, [1, 3]), data, size)
    _drop_mid_part(_part_links(signed_in, tenant, "retry.bin", upload, [2])[2], data[size : 2 * size])

    listed = signed_in.get(tenant.path(f"/uploads/{upload}/parts"), params={"key": "retry.bin"}).json()["parts"]
    assert [part["part_number"] for part in listed] == [1, 3]  # the broken part left nothing behind
    _put_parts(_part_links(signed_in, tenant, "retry.bin", upload, [2]), data, size)
    _put_parts(_part_links(signed_in, tenant, "retry.bin", upload, [3]), data, size)  # sent twice: harmless
    _post(signed_in, tenant.path(f"/uploads/{upload}/complete"), {"key": "retry.bin", "size": len(data)})
    assert _read(tenant, "retry.bin") == data


def test_a_small_file_goes_in_one_presigned_put_with_its_content_type(signed_in: TestClient, tenant: Tenant) -> None:
    data = b"hello, small world\n"
    plan = _start(signed_in, tenant, "notes/hello.txt", len(data), content_type="text/plain")
    assert plan["upload_id"] is None and plan["url"] and plan["headers"] == {"Content-Type": "text/plain"}
    answer = httpx.put(plan["url"], content=data, headers=plan["headers"])
    assert answer.status_code == 200, answer.text
    assert _read(tenant, "notes/hello.txt") == data
    assert _pending_uploads(tenant) == []


def test_an_aborted_upload_leaves_no_multipart_upload_and_aborting_again_is_harmless(
    signed_in: TestClient, tenant: Tenant
) -> None:
    data = os.urandom(SINGLE_PUT_MAX)
    plan = _start(signed_in, tenant, "given-up.bin", len(data))
    upload = plan["upload_id"]
    _put_parts(_part_links(signed_in, tenant, "given-up.bin", upload, [1]), data, plan["part_size"])
    assert _pending_uploads(tenant) == ["given-up.bin"]

    for _ in range(2):
        _post(signed_in, tenant.path(f"/uploads/{upload}/abort"), {"key": "given-up.bin"}, expect=204)
        assert _pending_uploads(tenant) == []

    gone = signed_in.get(tenant.path(f"/uploads/{upload}/parts"), params={"key": "given-up.bin"})
    assert gone.status_code == 404 and gone.json()["type"].endswith("/no-such-upload")
    late = signed_in.post(tenant.path(f"/uploads/{upload}/complete"), json={"key": "given-up.bin", "size": len(data)})
    assert late.status_code == 404 and late.json()["type"].endswith("/no-such-upload")
    assert tenant.s3.list_objects_v2(Bucket=tenant.bucket).get("KeyCount") == 0


def test_a_new_folder_is_an_empty_object_the_listing_shows_as_a_folder(signed_in: TestClient, tenant: Tenant) -> None:
    made = _post(signed_in, tenant.path("/folders"), {"prefix": "", "name": "reports 2024"}, expect=201)
    assert made == {"prefix": "reports 2024/"}
    _post(signed_in, tenant.path("/folders"), {"prefix": "reports 2024/", "name": "q1"}, expect=201)

    top = signed_in.get(tenant.path("/objects")).json()
    assert top["folders"] == [{"prefix": "reports 2024/", "name": "reports 2024"}] and top["objects"] == []
    inner = signed_in.get(tenant.path("/objects"), params={"prefix": "reports 2024/"}).json()
    assert inner["folders"] == [{"prefix": "reports 2024/q1/", "name": "q1"}]
    assert inner["objects"] == []  # the folder's own marker is not listed as a nameless object in it
    assert signed_in.get(tenant.path("/objects"), params={"prefix": "reports 2024/q1/"}).json()["objects"] == []


def test_the_browsers_preflight_to_a_part_link_is_allowed_and_the_etag_is_exposed(
    signed_in: TestClient, tenant: Tenant
) -> None:
    """Measured on SeaweedFS 4.48 with its default `-s3.allowedOrigins` ("*"), no bucket CORS rule: the
    preflight of a cross-origin PUT succeeds and ETag is exposed. Completion does not depend on it (the
    BFF lists the parts itself), so a store that hides ETag still works."""
    plan = _start(signed_in, tenant, "cors.bin", SINGLE_PUT_MAX)
    link = _part_links(signed_in, tenant, "cors.bin", plan["upload_id"], [1])[1]
    preflight = httpx.options(
        link,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "PUT" in preflight.headers["Access-Control-Allow-Methods"]
    put = httpx.put(link, content=b"x" * MIB, headers={"Origin": ORIGIN})
    assert put.headers["Access-Control-Allow-Origin"] == ORIGIN
    assert "ETag" in put.headers["Access-Control-Expose-Headers"] and put.headers["ETag"]


def test_the_console_page_may_connect_to_the_s3_endpoint_the_links_point_at(
    signed_in: TestClient, settings: Settings
) -> None:
    policy = signed_in.get("/healthz").headers["content-security-policy"]
    assert f"connect-src 'self' {settings.s3_endpoint}" in policy


def test_links_point_at_the_public_s3_endpoint_and_work_there(
    stack: EmbeddedStack, tenant: Tenant, clock: FixedClock
) -> None:
    internal = make_settings(stack)
    public = internal.s3_endpoint.replace("127.0.0.1", "localhost")
    with open_client(make_settings(stack, public_s3_endpoint=public), clock) as client:
        first_sign_in(client, tenant.admin, clock)
        small = _start(client, tenant, "public.txt", 6, content_type="text/plain")
        data = os.urandom(SINGLE_PUT_MAX)
        plan = _start(client, tenant, "public.bin", len(data))
        links = _part_links(client, tenant, "public.bin", plan["upload_id"], [1, 2])
        _put_parts(links, data, plan["part_size"])
        _post(client, tenant.path(f"/uploads/{plan['upload_id']}/complete"), {"key": "public.bin", "size": len(data)})
    assert small["url"].startswith(public + "/") and all(url.startswith(public + "/") for url in links.values())
    assert httpx.put(small["url"], content=b"public", headers=small["headers"]).status_code == 200
    assert _read(tenant, "public.txt") == b"public" and _read(tenant, "public.bin") == data


@pytest.mark.parametrize(
    ("suffix", "body", "status", "slug"),
    [
        ("/uploads", {"key": "", "size": 1}, 422, "validation"),
        ("/uploads", {"key": "k" * 1025, "size": 1}, 422, "validation"),
        ("/uploads", {"key": "a", "size": -1}, 422, "validation"),
        ("/uploads", {"key": "a", "size": 5 * 1024**4 + 1}, 422, "upload-too-large"),
        ("/uploads", {"key": "a", "size": 1, "extra": True}, 422, "validation"),
        ("/uploads/{upload}/part-links", {"key": "big.bin", "part_numbers": [0]}, 422, "part-number-out-of-range"),
        ("/uploads/{upload}/part-links", {"key": "big.bin", "part_numbers": [10001]}, 422, "part-number-out-of-range"),
        ("/uploads/{upload}/part-links", {"key": "big.bin", "part_numbers": []}, 422, "validation"),
        ("/uploads/{upload}/part-links", {"key": "big.bin", "part_numbers": list(range(1, 102))}, 422, None),
        ("/uploads/bad%20id/part-links", {"key": "big.bin", "part_numbers": [1]}, 422, "invalid-upload-id"),
        ("/uploads/{upload}/complete", {"key": "big.bin", "size": SINGLE_PUT_MAX}, 409, "upload-incomplete"),
        ("/folders", {"prefix": "", "name": "a/b"}, 422, "invalid-folder-name"),
        ("/folders", {"prefix": "no-slash", "name": "a"}, 422, "invalid-folder-name"),
        ("/folders", {"prefix": "", "name": ".."}, 422, "invalid-folder-name"),
        ("/folders", {"prefix": "", "name": ""}, 422, "validation"),
    ],
)
def test_bad_upload_inputs_get_the_right_problem(
    signed_in: TestClient, tenant: Tenant, suffix: str, body: dict[str, Any], status: int, slug: str | None
) -> None:
    upload = _start(signed_in, tenant, "big.bin", SINGLE_PUT_MAX)["upload_id"]
    answer = signed_in.post(tenant.path(suffix.format(upload=upload)), json=body)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    if slug is not None:
        assert answer.json()["type"].endswith(f"/{slug}"), answer.json()


@pytest.mark.parametrize("bucket", ["otheraccount-files", "files", "{account}x-files"])
def test_a_bucket_outside_the_account_is_a_404_before_any_storage_call(
    signed_in: TestClient, tenant: Tenant, bucket: str
) -> None:
    name = bucket.format(account=tenant.account_id)
    calls = [
        (tenant.path(bucket=name), {"key": "a", "size": 1}),
        (tenant.path("/uploads/u1/part-links", bucket=name), {"key": "a", "part_numbers": [1]}),
        (tenant.path("/uploads/u1/complete", bucket=name), {"key": "a", "size": 1}),
        (tenant.path("/uploads/u1/abort", bucket=name), {"key": "a"}),
        (tenant.path("/folders", bucket=name), {"name": "a"}),
    ]
    for path, body in calls:
        answer = signed_in.post(path, json=body)
        assert answer.status_code == 404, f"{path}: {answer.text}"
        assert answer.json()["type"].endswith("/bucket-not-found")
    parts = signed_in.get(tenant.path("/uploads/u1/parts", bucket=name), params={"key": "a"})
    assert parts.status_code == 404


def test_a_member_of_the_account_can_upload(settings: Settings, tenant: Tenant, clock: FixedClock) -> None:
    created = create_user(settings, f"carol{tenant.account_id}", "account-member", tenant.account_id)
    data = os.urandom(SINGLE_PUT_MAX)
    with open_client(settings, clock) as member:
        first_sign_in(member, Person(created.user.username, created.one_time_password), clock)
        plan = _start(member, tenant, "by-member.bin", len(data))
        _put_parts(_part_links(member, tenant, "by-member.bin", plan["upload_id"], [1, 2]), data, plan["part_size"])
        _post(
            member, tenant.path(f"/uploads/{plan['upload_id']}/complete"), {"key": "by-member.bin", "size": len(data)}
        )
    assert _read(tenant, "by-member.bin") == data


def test_staff_are_refused_because_they_have_no_storage_identity_in_the_account(
    client: TestClient, tenant: Tenant, clock: FixedClock, admin: Person
) -> None:
    first_sign_in(client, admin, clock)
    answer = client.post(tenant.path(), json={"key": "a", "size": 1})
    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/forbidden")
    assert "staff have no storage identity" in answer.json()["detail"]
    assert client.post(tenant.path("/folders"), json={"name": "x"}).status_code == 403


def test_another_accounts_admin_is_refused(settings: Settings, tenant: Tenant, clock: FixedClock) -> None:
    other = unique_account_id("oth")
    created = create_account_with_admin(settings, other, f"bob{other}")
    with open_client(settings, clock) as client:
        first_sign_in(client, Person(created.user.username, created.one_time_password), clock)
        assert client.post(tenant.path(), json={"key": "a", "size": 1}).status_code == 403
