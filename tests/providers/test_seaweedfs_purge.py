"""Purging a bucket on SeaweedFS 4.48: what the storage system does, and the provider's batches held to it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import botocore.awsrequest
import pytest

from coffer.app import build_provider
from coffer.providers.base import StorageRefused
from coffer.providers.seaweedfs import SeaweedFSProvider
from coffer.settings import Settings

from ..conftest import unique_account_id
from ..storage import remove_buckets, service_client


@pytest.fixture
def bucket(settings: Settings) -> Iterator[str]:
    name = f"{unique_account_id('pb')}-data"
    service_client(settings, "s3").create_bucket(Bucket=name)
    yield name
    s3 = service_client(settings, "s3")
    if name in [entry["Name"] for entry in s3.list_buckets()["Buckets"]]:
        remove_buckets(settings, [name])


def _batches(settings: Settings, bucket: str, then_delete: bool = False) -> list[int]:
    """purge_batch until it answers 0 (that 0 included), as the purge's work calls it."""

    async def run() -> list[int]:
        provider = build_provider(settings)
        counts: list[int] = []
        try:
            while not counts or counts[-1]:
                counts.append(await provider.purge_batch(bucket))
                assert len(counts) < 50, "purge_batch never reached an empty bucket"
            if then_delete:
                await provider.delete_bucket(bucket)
                await provider.delete_bucket(bucket)  # idempotent
        finally:
            await provider.close()
        return counts

    return asyncio.run(run())


def _versions(s3: Any, bucket: str) -> list[tuple[str, str]]:
    listing = s3.list_object_versions(Bucket=bucket)
    entries = [*listing.get("Versions", []), *listing.get("DeleteMarkers", [])]
    return sorted((entry["Key"], entry["VersionId"]) for entry in entries)


def test_list_object_versions_lists_a_plain_buckets_objects_as_version_null_deletable_by_it(
    settings: Settings, bucket: str
) -> None:
    s3 = service_client(settings, "s3")
    for key in ("a", "b"):
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")

    assert _versions(s3, bucket) == [("a", "null"), ("b", "null")]
    answer = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a", "VersionId": "null"}], "Quiet": True})
    assert not answer.get("Errors")
    assert [entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["b"]


def test_a_bucket_of_2500_objects_goes_in_batches_of_a_thousand_then_the_bucket(
    settings: Settings, bucket: str
) -> None:
    s3 = service_client(settings, "s3")
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda n: s3.put_object(Bucket=bucket, Key=f"k{n:04}", Body=b"x"), range(2500)))

    assert _batches(settings, bucket, then_delete=True) == [1000, 1000, 500, 0]
    assert bucket not in [entry["Name"] for entry in s3.list_buckets()["Buckets"]]
    assert _batches(settings, bucket) == [0]  # a bucket that is gone has nothing left to purge


def test_a_versioned_bucket_loses_every_version_and_delete_marker(settings: Settings, bucket: str) -> None:
    s3 = service_client(settings, "s3")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for body in (b"1", b"2", b"3"):
        s3.put_object(Bucket=bucket, Key="doc", Body=body)
    s3.put_object(Bucket=bucket, Key="old", Body=b"x")
    s3.delete_object(Bucket=bucket, Key="old")
    assert len(_versions(s3, bucket)) == 5

    counts = _batches(settings, bucket)

    assert counts[-1] == 0 and sum(counts) >= 5
    assert _versions(s3, bucket) == []
    assert s3.list_objects_v2(Bucket=bucket).get("KeyCount", 0) == 0


def test_versions_a_delete_silently_keeps_end_the_purge_with_the_reason_instead_of_a_loop(
    settings: Settings, bucket: str
) -> None:
    """An unknown version id is no failure to DeleteObjects: versions still listed after it count as failed."""
    s3 = service_client(settings, "s3")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket=bucket, Key="doc", Body=b"1")
    s3.delete_object(Bucket=bucket, Key="doc")  # no current object left: the version pass runs

    def answer_ok_delete_nothing(**_: Any) -> tuple[Any, dict[str, Any]]:
        return botocore.awsrequest.AWSResponse("", 200, {}, None), {"Errors": [], "ResponseMetadata": {}}

    async def run() -> None:
        provider = build_provider(settings)
        assert isinstance(provider, SeaweedFSProvider)
        provider._s3.meta.events.register("before-call.s3.DeleteObjects", answer_ok_delete_nothing)  # type: ignore[attr-defined]
        try:
            with pytest.raises(StorageRefused, match=r"2 objects of .* could not be deleted.*NotDeleted"):
                await provider.purge_batch(bucket)
        finally:
            await provider.close()

    asyncio.run(run())
    assert len(_versions(s3, bucket)) == 2
