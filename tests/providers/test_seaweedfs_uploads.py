"""What SeaweedFS 4.48 does with browser uploads, with the STS credentials of a member granted read-write.

The upload design leans on each of these: a browser's CORS preflight to a presigned part link passes
with weed's default `-s3.allowedOrigins`, the parts a store holds can be listed for resume, a part
sent again is listed again (so the provider keeps the newest copy), and aborting is idempotent.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Iterator
from typing import Any

import httpx2 as httpx
import pytest

from coffer.app import build_provider
from coffer.data_access import Access
from coffer.embedded.stack import EmbeddedStack
from coffer.providers.base import NoSuchUpload, TemporaryCredentials, UploadPartsRefused
from coffer.providers.seaweedfs import SeaweedFSProvider
from coffer.settings import Settings

from ..conftest import make_settings, unique_account_id
from ..storage import service_client

MIB = 1024 * 1024
ORIGIN = "https://console.example.com"


@pytest.fixture
def member(stack: EmbeddedStack) -> Iterator[tuple[Settings, TemporaryCredentials, str]]:
    settings = make_settings(stack)
    account_id = unique_account_id("wup")

    async def issue() -> TemporaryCredentials:
        provider = build_provider(settings)
        try:
            return await provider.assume_console_role(account_id, "member", Access(account="read-write"), 900)
        finally:
            await provider.close()

    bucket = f"{account_id}-up"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    yield settings, asyncio.run(issue()), bucket
    for upload in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
        s3.abort_multipart_upload(Bucket=bucket, Key=upload["Key"], UploadId=upload["UploadId"])
    for entry in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
        s3.delete_object(Bucket=bucket, Key=entry["Key"])
    s3.delete_bucket(Bucket=bucket)


async def _next_second() -> None:
    """Until the clock's next whole second (the resolution of S3's dates), not a guessed delay."""
    await asyncio.sleep(1.01 - time.time() % 1)


def _run(settings: Settings, work: Any) -> Any:
    async def go() -> Any:
        provider = build_provider(settings)
        assert isinstance(provider, SeaweedFSProvider)
        try:
            return await work(provider)
        finally:
            await provider.close()

    return asyncio.run(go())


def test_the_default_allowed_origins_pass_a_browsers_preflight_and_expose_the_etag(
    member: tuple[Settings, TemporaryCredentials, str],
) -> None:
    settings, credentials, bucket = member

    async def work(provider: SeaweedFSProvider) -> str:
        upload = await provider.start_multipart_upload_as(credentials, bucket, "a.bin", "application/octet-stream")
        return await provider.upload_part_link_as(credentials, bucket, "a.bin", upload, 1, 60, settings.s3_endpoint)

    link = _run(settings, work)
    preflight = httpx.options(
        link,
        headers={
            "Origin": ORIGIN,
            "Access-Control-Request-Method": "PUT",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert preflight.headers["Access-Control-Allow-Origin"] == ORIGIN  # any origin: "*" is the default
    assert "ETag" in preflight.headers["Access-Control-Expose-Headers"]
    put = httpx.put(link, content=b"x", headers={"Origin": ORIGIN})
    assert put.status_code == 200 and put.headers["ETag"]


def test_a_part_sent_twice_is_listed_twice_and_the_newest_copy_is_the_one_completed(
    member: tuple[Settings, TemporaryCredentials, str],
) -> None:
    settings, credentials, bucket = member
    first, second, tail = os.urandom(5 * MIB), os.urandom(5 * MIB), b"tail"

    async def work(provider: SeaweedFSProvider) -> tuple[list[int], list[int]]:
        upload = await provider.start_multipart_upload_as(credentials, bucket, "twice.bin", "application/octet-stream")
        for number, body in ((1, first), (1, second), (2, tail)):
            link = await provider.upload_part_link_as(
                credentials, bucket, "twice.bin", upload, number, 60, settings.s3_endpoint
            )
            assert httpx.put(link, content=body).status_code == 200
            await _next_second()  # S3 dates have whole seconds: the copies must be told apart by date
        raw = service_client(settings, "s3").list_parts(Bucket=bucket, Key="twice.bin", UploadId=upload)["Parts"]
        parts = await provider.uploaded_parts_as(credentials, bucket, "twice.bin", upload)
        await provider.complete_multipart_upload_as(credentials, bucket, "twice.bin", upload, parts)
        return [entry["PartNumber"] for entry in raw], [part.part_number for part in parts]

    listed_by_store, kept = _run(settings, work)
    assert sorted(listed_by_store) == [1, 1, 2]
    assert kept == [1, 2]
    stored = service_client(settings, "s3").get_object(Bucket=bucket, Key="twice.bin")["Body"].read()
    assert stored == second + tail


def test_parts_below_5_mib_but_the_last_are_refused_at_completion_and_abort_is_idempotent(
    member: tuple[Settings, TemporaryCredentials, str],
) -> None:
    settings, credentials, bucket = member

    async def work(provider: SeaweedFSProvider) -> None:
        upload = await provider.start_multipart_upload_as(credentials, bucket, "small.bin", "application/octet-stream")
        for number in (1, 2):
            link = await provider.upload_part_link_as(
                credentials, bucket, "small.bin", upload, number, 60, settings.s3_endpoint
            )
            assert httpx.put(link, content=b"x" * 10).status_code == 200
        parts = await provider.uploaded_parts_as(credentials, bucket, "small.bin", upload)
        with pytest.raises(UploadPartsRefused):
            await provider.complete_multipart_upload_as(credentials, bucket, "small.bin", upload, parts)
        await provider.abort_multipart_upload_as(credentials, bucket, "small.bin", upload)
        await provider.abort_multipart_upload_as(credentials, bucket, "small.bin", upload)
        with pytest.raises(NoSuchUpload):
            await provider.uploaded_parts_as(credentials, bucket, "small.bin", upload)

    _run(settings, work)
    assert service_client(settings, "s3").list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []


@pytest.mark.parametrize(("number", "status"), [(0, 400), (1, 200), (10_000, 200), (10_001, 400)])
def test_part_numbers_run_from_1_to_10000(
    member: tuple[Settings, TemporaryCredentials, str], number: int, status: int
) -> None:
    settings, credentials, bucket = member

    async def work(provider: SeaweedFSProvider) -> str:
        upload = await provider.start_multipart_upload_as(credentials, bucket, "n.bin", "application/octet-stream")
        return await provider.upload_part_link_as(
            credentials, bucket, "n.bin", upload, number, 60, settings.s3_endpoint
        )

    assert httpx.put(_run(settings, work), content=b"x").status_code == status
