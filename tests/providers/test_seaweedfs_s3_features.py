"""What SeaweedFS 4.48 does of each S3 feature, on the path a tenant takes, held against the provider's declaration.

Every call goes through an account admin's temporary STS credentials (`assume_console_role`), as the
console and a tenant's own tools make them; where the service identity behaves differently, the test
says so. Each test asserts what the storage system really does (the old version's bytes come back, the
preflight carries the configured headers), then that the provider declares the feature accordingly:
an upgrade that changes a behaviour fails here, and the declaration in `providers/seaweedfs.py` is
revisited with it.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import botocore.config
import httpx2 as httpx
import pytest
from botocore.exceptions import ClientError

from coffer.app import build_provider
from coffer.data_access import MANAGE
from coffer.embedded.stack import EmbeddedStack
from coffer.providers.base import StorageFeatures
from coffer.settings import Settings

from ..conftest import make_settings, unique_account_id
from ..storage import service_client

MIB = 1024 * 1024
# Tests that hold a declared feature to the storage system, by StorageFeatures field.
COVERED: set[str] = set()


def holds(feature: str) -> Any:
    """Marks the test that measures a declared feature; the last test checks none is left unmeasured."""
    COVERED.add(feature)
    return lambda test: test


@dataclass
class Tenant:
    """An account admin's view of the storage: their STS credentials, and the buckets made with them."""

    account_id: str
    settings: Settings
    s3: Any
    signing_v4: Any
    features: StorageFeatures
    filer: str
    master: str
    made: list[str]

    def bucket(self, stem: str, **create: Any) -> str:
        name = f"{self.account_id}-{stem}"
        self.s3.create_bucket(Bucket=name, **create)
        self.made.append(name)
        return name


def _s3(settings: Settings, credentials: Any, **config: Any) -> Any:
    return boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
        config=botocore.config.Config(**config),
    )


@pytest.fixture(scope="module")
def tenant(stack: EmbeddedStack) -> Iterator[Tenant]:
    settings = make_settings(stack)
    account_id = unique_account_id("feat")

    async def credentials_and_features() -> Any:
        provider = build_provider(settings)
        try:
            issued = await provider.assume_console_role(account_id, f"admin@{account_id}.example.com", MANAGE, 900)
            return issued, provider.features
        finally:
            await provider.close()

    issued, features = asyncio.run(credentials_and_features())
    assert stack.seaweedfs is not None
    made: list[str] = []
    yield Tenant(
        account_id,
        settings,
        _s3(settings, issued),
        _s3(settings, issued, signature_version="s3v4"),
        features,
        f"http://127.0.0.1:{stack.seaweedfs.ports.filer}",
        f"http://127.0.0.1:{stack.seaweedfs.ports.master}",
        made,
    )
    _remove_everything(settings, made)


def _remove_everything(settings: Settings, buckets: list[str]) -> None:
    """Every version, delete marker and upload, locks lifted, then the buckets: the storage outlives the tests."""
    s3 = service_client(settings, "s3")
    for name in buckets:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
            for entry in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
                key, version = entry["Key"], entry["VersionId"]
                with contextlib.suppress(ClientError):  # not a lock bucket, or a delete marker
                    s3.put_object_legal_hold(Bucket=name, Key=key, VersionId=version, LegalHold={"Status": "OFF"})
                s3.delete_object(Bucket=name, Key=key, VersionId=version, BypassGovernanceRetention=True)
        for upload in s3.list_multipart_uploads(Bucket=name).get("Uploads", []):
            s3.abort_multipart_upload(Bucket=name, Key=upload["Key"], UploadId=upload["UploadId"])
        s3.delete_bucket(Bucket=name)


def _volume_ttl(master: str, volume_id: int) -> int:
    """The TTL count of a volume as the master reports it (0: its needles never expire)."""
    status = httpx.get(f"{master}/vol/status").json()["Volumes"]["DataCenters"]
    for racks in status.values():
        for servers in racks.values():
            for volumes in servers.values():
                for volume in volumes:
                    if volume["Id"] == volume_id:
                        return int(volume["Ttl"]["Count"])
    raise AssertionError(f"volume {volume_id} is not in the master's status")


def _code(error: pytest.ExceptionInfo[ClientError]) -> tuple[int, str]:
    response: Any = error.value.response
    return response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]


def _read(s3: Any, bucket: str, key: str, **version: str) -> bytes:
    body: bytes = s3.get_object(Bucket=bucket, Key=key, **version)["Body"].read()
    return body


@holds("versioning")
def test_versioning_keeps_old_versions_readable_and_restorable(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("versions")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    first = s3.put_object(Bucket=bucket, Key="report", Body=b"first")["VersionId"]
    s3.put_object(Bucket=bucket, Key="report", Body=b"second")

    listed = s3.list_object_versions(Bucket=bucket)["Versions"]
    assert [(entry["VersionId"] == first, entry["IsLatest"]) for entry in listed] == [(False, True), (True, False)]
    assert _read(s3, bucket, "report", VersionId=first) == b"first"

    marker = s3.delete_object(Bucket=bucket, Key="report")
    assert marker["DeleteMarker"] is True
    with pytest.raises(ClientError) as gone:
        s3.get_object(Bucket=bucket, Key="report")
    assert _code(gone) == (404, "NoSuchKey")
    assert [entry["IsLatest"] for entry in s3.list_object_versions(Bucket=bucket)["DeleteMarkers"]] == [True]

    s3.copy_object(Bucket=bucket, Key="report", CopySource={"Bucket": bucket, "Key": "report", "VersionId": first})
    assert _read(s3, bucket, "report") == b"first"  # restored by copying the old version over the marker

    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Suspended"
    s3.put_object(Bucket=bucket, Key="report", Body=b"third")
    s3.put_object(Bucket=bucket, Key="report", Body=b"fourth")  # replaces the "null" version, as in AWS
    versions = s3.list_object_versions(Bucket=bucket)["Versions"]
    assert [entry["VersionId"] for entry in versions if entry["IsLatest"]] == ["null"]
    assert first in {entry["VersionId"] for entry in versions}  # suspending keeps what was kept
    assert _read(s3, bucket, "report", VersionId="null") == b"fourth"
    assert tenant.features.versioning.supported


@holds("lifecycle")
def test_lifecycle_rules_are_stored_but_written_objects_get_no_expiry(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("lifecycle")
    rules = [{"ID": "scratch", "Status": "Enabled", "Filter": {"Prefix": "scratch/"}, "Expiration": {"Days": 1}}]
    s3.put_bucket_lifecycle_configuration(Bucket=bucket, LifecycleConfiguration={"Rules": rules})
    assert s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"] == [
        {"ID": "scratch", "Status": "Enabled", "Filter": {"Prefix": "scratch/"}, "Expiration": {"Days": 1}}
    ]
    s3.put_object(Bucket=bucket, Key="scratch/today.txt", Body=b"short-lived")

    s3.put_object(Bucket=bucket, Key="kept.txt", Body=b"kept")

    # SeaweedFS's sources describe a volume TTL given to writes a rule matches, and a scheduled worker
    # that deletes; in 4.48 the object carries no TTL and shares a TTL-less volume with one no rule
    # matches: nothing marks it to expire, and a deletion by the worker is nothing Coffer could confirm.
    def stored(key: str) -> tuple[int, set[int]]:
        entry = httpx.get(f"{tenant.filer}/buckets/{bucket}/{key}", params={"metadata": "true"}).json()
        return entry["TtlSec"], {chunk["fid"]["volume_id"] for chunk in entry["chunks"]}

    (ttl, volumes), (_, volumes_outside) = stored("scratch/today.txt"), stored("kept.txt")
    assert ttl == 0 and volumes == volumes_outside
    assert {_volume_ttl(tenant.master, volume) for volume in volumes} == {0}
    assert _read(s3, bucket, "scratch/today.txt") == b"short-lived"

    s3.delete_bucket_lifecycle(Bucket=bucket)
    with pytest.raises(ClientError) as none:
        s3.get_bucket_lifecycle_configuration(Bucket=bucket)
    assert _code(none) == (404, "NoSuchLifecycleConfiguration")
    declared = tenant.features.lifecycle
    assert not declared.supported and "lifecycle rules" in declared.why_not


@holds("cors")
def test_cors_configuration_answers_the_preflight(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("cors")
    rule = {
        "AllowedOrigins": ["https://app.example.com"],
        "AllowedMethods": ["GET", "PUT"],
        "AllowedHeaders": ["*"],
        "ExposeHeaders": ["ETag"],
        "MaxAgeSeconds": 600,
    }
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [rule]})
    assert s3.get_bucket_cors(Bucket=bucket)["CORSRules"] == [rule]

    preflight = {"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type"}
    allowed = httpx.options(
        f"{tenant.settings.s3_endpoint}/{bucket}/upload.bin", headers={"Origin": "https://app.example.com", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert allowed.headers["Access-Control-Allow-Methods"] == "GET, PUT"
    assert allowed.headers["Access-Control-Allow-Headers"] == "content-type"
    assert allowed.headers["Access-Control-Expose-Headers"] == "ETag"
    assert allowed.headers["Access-Control-Max-Age"] == "600"
    other = httpx.options(
        f"{tenant.settings.s3_endpoint}/{bucket}/upload.bin",
        headers={"Origin": "https://evil.example.com", **preflight},
    )
    assert other.status_code == 403 and "Access-Control-Allow-Origin" not in other.headers
    assert tenant.features.cors.supported


@holds("bucket_tags")
def test_bucket_tags_round_trip(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("btags")
    s3.put_bucket_tagging(Bucket=bucket, Tagging={"TagSet": [{"Key": "team", "Value": "red"}]})
    assert s3.get_bucket_tagging(Bucket=bucket)["TagSet"] == [{"Key": "team", "Value": "red"}]
    assert tenant.features.bucket_tags.supported


@holds("object_tags")
def test_object_tags_round_trip_set_at_upload_or_later(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("otags")
    s3.put_object(Bucket=bucket, Key="tagged", Body=b"x", Tagging="c=3&d=4")
    assert s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == [
        {"Key": "c", "Value": "3"},
        {"Key": "d", "Value": "4"},
    ]
    s3.put_object_tagging(Bucket=bucket, Key="tagged", Tagging={"TagSet": [{"Key": "a", "Value": "1"}]})
    assert s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == [{"Key": "a", "Value": "1"}]
    s3.delete_object_tagging(Bucket=bucket, Key="tagged")
    assert s3.get_object_tagging(Bucket=bucket, Key="tagged")["TagSet"] == []
    assert tenant.features.object_tags.supported


@holds("object_lock")
def test_object_lock_retention_and_legal_hold_refuse_deleting_a_version(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("locked", ObjectLockEnabledForBucket=True)
    assert s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]["ObjectLockEnabled"] == "Enabled"
    assert s3.get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"
    until = datetime.now(UTC) + timedelta(hours=1)
    kept = s3.put_object(
        Bucket=bucket, Key="ledger", Body=b"kept", ObjectLockMode="GOVERNANCE", ObjectLockRetainUntilDate=until
    )["VersionId"]
    assert s3.get_object_retention(Bucket=bucket, Key="ledger")["Retention"]["Mode"] == "GOVERNANCE"
    with pytest.raises(ClientError) as refused:
        s3.delete_object(Bucket=bucket, Key="ledger", VersionId=kept)
    assert _code(refused) == (403, "AccessDenied")
    assert _read(s3, bucket, "ledger", VersionId=kept) == b"kept"

    held = s3.put_object(Bucket=bucket, Key="evidence", Body=b"held", ObjectLockLegalHoldStatus="ON")["VersionId"]
    assert s3.get_object_legal_hold(Bucket=bucket, Key="evidence")["LegalHold"]["Status"] == "ON"
    with pytest.raises(ClientError) as on_hold:
        s3.delete_object(Bucket=bucket, Key="evidence", VersionId=held)
    assert _code(on_hold) == (403, "AccessDenied")
    s3.put_object_legal_hold(Bucket=bucket, Key="evidence", VersionId=held, LegalHold={"Status": "OFF"})
    s3.delete_object(Bucket=bucket, Key="evidence", VersionId=held)

    with pytest.raises(ClientError) as suspend:
        s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Suspended"})
    assert _code(suspend) == (409, "InvalidBucketState")
    plain = tenant.bucket("unlocked")
    with pytest.raises(ClientError) as later:  # object lock is chosen when the bucket is made, never after
        s3.put_object_lock_configuration(Bucket=plain, ObjectLockConfiguration={"ObjectLockEnabled": "Enabled"})
    assert _code(later) == (409, "InvalidBucketState")
    assert tenant.features.object_lock.supported


@holds("bucket_policy")
def test_bucket_policy_is_enforced_for_anonymous_readers_and_for_the_tenant(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("policy")
    s3.put_object(Bucket=bucket, Key="page.html", Body=b"<p>hi</p>")
    url = f"{tenant.settings.s3_endpoint}/{bucket}/page.html"
    assert httpx.get(url).status_code == 403

    def policy(effect: str) -> str:
        statement = {
            "Effect": effect,
            "Principal": "*",
            "Action": ["s3:GetObject"],
            "Resource": [f"arn:aws:s3:::{bucket}/*"],
        }
        return json.dumps({"Version": "2012-10-17", "Statement": [statement]})

    s3.put_bucket_policy(Bucket=bucket, Policy=policy("Allow"))
    assert json.loads(s3.get_bucket_policy(Bucket=bucket)["Policy"])["Statement"][0]["Effect"] == "Allow"
    public = httpx.get(url)
    assert (public.status_code, public.content) == (200, b"<p>hi</p>")  # an account admin can publish a bucket

    s3.put_bucket_policy(Bucket=bucket, Policy=policy("Deny"))
    with pytest.raises(ClientError) as denied:
        s3.get_object(Bucket=bucket, Key="page.html")
    assert _code(denied) == (403, "AccessDenied")
    s3.delete_bucket_policy(Bucket=bucket)
    assert _read(s3, bucket, "page.html") == b"<p>hi</p>"
    assert tenant.features.bucket_policy.supported


@holds("multipart_upload")
def test_multipart_upload_in_parallel_parts_list_abort_and_part_copy(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("multipart")
    part = os.urandom(5 * MIB)
    upload = s3.create_multipart_upload(Bucket=bucket, Key="big.bin", ContentType="application/x-big")["UploadId"]
    bodies = {1: part, 2: part[::-1], 3: b"tail"}
    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        sent = {
            number: pool.submit(
                s3.upload_part, Bucket=bucket, Key="big.bin", UploadId=upload, PartNumber=number, Body=body
            )
            for number, body in bodies.items()
        }
        etags = {number: future.result()["ETag"] for number, future in sent.items()}
    listed = s3.list_parts(Bucket=bucket, Key="big.bin", UploadId=upload)["Parts"]
    assert [(entry["PartNumber"], entry["Size"]) for entry in listed] == [(1, 5 * MIB), (2, 5 * MIB), (3, 4)]
    s3.complete_multipart_upload(
        Bucket=bucket,
        Key="big.bin",
        UploadId=upload,
        MultipartUpload={"Parts": [{"PartNumber": number, "ETag": etags[number]} for number in (1, 2, 3)]},
    )
    assert _read(s3, bucket, "big.bin") == part + part[::-1] + b"tail"
    assert s3.head_object(Bucket=bucket, Key="big.bin")["ContentType"] == "application/x-big"

    dropped = s3.create_multipart_upload(Bucket=bucket, Key="dropped.bin")["UploadId"]
    s3.upload_part(Bucket=bucket, Key="dropped.bin", UploadId=dropped, PartNumber=1, Body=b"x" * 1000)
    s3.abort_multipart_upload(Bucket=bucket, Key="dropped.bin", UploadId=dropped)
    assert s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []) == []
    with pytest.raises(ClientError) as aborted:
        s3.list_parts(Bucket=bucket, Key="dropped.bin", UploadId=dropped)
    assert _code(aborted) == (404, "NoSuchUpload")
    assert [entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["big.bin"]
    uploads_folder = httpx.get(f"{tenant.filer}/buckets/{bucket}/.uploads/", headers={"Accept": "application/json"})
    assert uploads_folder.json()["Entries"] is None  # nothing of the aborted upload stays behind

    copied = s3.create_multipart_upload(Bucket=bucket, Key="copy.bin")["UploadId"]
    source = {"Bucket": bucket, "Key": "big.bin"}
    first = s3.upload_part_copy(
        Bucket=bucket,
        Key="copy.bin",
        UploadId=copied,
        PartNumber=1,
        CopySource=source,
        CopySourceRange=f"bytes=0-{5 * MIB - 1}",
    )
    last = s3.upload_part_copy(
        Bucket=bucket,
        Key="copy.bin",
        UploadId=copied,
        PartNumber=2,
        CopySource=source,
        CopySourceRange=f"bytes={10 * MIB}-{10 * MIB + 3}",
    )
    s3.complete_multipart_upload(
        Bucket=bucket,
        Key="copy.bin",
        UploadId=copied,
        MultipartUpload={
            "Parts": [
                {"PartNumber": 1, "ETag": first["CopyPartResult"]["ETag"]},
                {"PartNumber": 2, "ETag": last["CopyPartResult"]["ETag"]},
            ]
        },
    )
    assert _read(s3, bucket, "copy.bin") == part + b"tail"
    assert tenant.features.multipart_upload.supported


@holds("presigned_urls")
def test_presigned_urls_from_sts_credentials_work_with_sigv4_and_expire(tenant: Tenant) -> None:
    s3, signer, bucket = tenant.s3, tenant.signing_v4, tenant.bucket("presigned")
    s3.put_object(Bucket=bucket, Key="shared.txt", Body=b"shared")

    download = signer.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared.txt"}, ExpiresIn=60)
    assert "X-Amz-Security-Token=" in download
    answer = httpx.get(download)
    assert (answer.status_code, answer.content) == (200, b"shared")
    upload = signer.generate_presigned_url(
        "put_object", Params={"Bucket": bucket, "Key": "dropped.txt", "ContentType": "text/plain"}, ExpiresIn=60
    )
    assert httpx.put(upload, content=b"via link", headers={"Content-Type": "text/plain"}).status_code == 200
    assert _read(s3, bucket, "dropped.txt") == b"via link"
    tampered = download.replace("shared.txt", "dropped.txt")
    assert httpx.get(tampered).status_code == 403

    # boto3's default for S3 links is the old query signature: SeaweedFS does not accept it with a session token
    legacy = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared.txt"}, ExpiresIn=60)
    assert "Signature=" in legacy and "x-amz-security-token=" in legacy
    refused = httpx.get(legacy)
    assert refused.status_code == 403 and "<Code>InvalidAccessKeyId</Code>" in refused.text

    brief = signer.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "shared.txt"}, ExpiresIn=1)
    deadline = time.monotonic() + 5
    while (expired := httpx.get(brief)).status_code == 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert expired.status_code == 403 and "Request has expired" in expired.text
    assert tenant.features.presigned_urls.supported


def test_presigned_urls_of_the_service_identity_also_work_with_the_legacy_signature(tenant: Tenant) -> None:
    """Where the tenant's path and the service identity differ: only the legacy signature (no session token)."""
    s3, bucket = service_client(tenant.settings, "s3"), tenant.bucket("svclink")
    s3.put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    legacy = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "a.txt"}, ExpiresIn=60)
    assert "Signature=" in legacy
    assert httpx.get(legacy).content == b"a"


def test_copy_object_keeps_or_replaces_metadata(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("copies")
    s3.put_object(Bucket=bucket, Key="a.csv", Body=b"1,2", ContentType="text/csv", Metadata={"owner": "ada"})
    s3.copy_object(Bucket=bucket, Key="b.csv", CopySource={"Bucket": bucket, "Key": "a.csv"})
    kept = s3.head_object(Bucket=bucket, Key="b.csv")
    assert (kept["ContentType"], kept["Metadata"]) == ("text/csv", {"owner": "ada"})
    s3.copy_object(
        Bucket=bucket,
        Key="c.json",
        CopySource={"Bucket": bucket, "Key": "a.csv"},
        MetadataDirective="REPLACE",
        ContentType="application/json",
        Metadata={"fresh": "1"},
    )
    replaced = s3.head_object(Bucket=bucket, Key="c.json")
    assert (replaced["ContentType"], replaced["Metadata"]) == ("application/json", {"fresh": "1"})
    assert _read(s3, bucket, "c.json") == b"1,2"


def test_delete_objects_deletes_many_and_reports_missing_keys_as_deleted(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("bulk")
    for key in ("a", "b", "c"):
        s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
    answer = s3.delete_objects(Bucket=bucket, Delete={"Objects": [{"Key": "a"}, {"Key": "b"}, {"Key": "never-was"}]})
    assert sorted(entry["Key"] for entry in answer["Deleted"]) == ["a", "b", "never-was"]
    assert answer.get("Errors", []) == []
    assert [entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["c"]


def test_user_metadata_and_content_headers_round_trip(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("meta")
    s3.put_object(
        Bucket=bucket,
        Key="m.csv",
        Body=b"m",
        ContentType="text/csv; charset=utf-8",
        Metadata={"owner": "Ada", "x-y": "z"},
        CacheControl="no-cache",
        ContentDisposition="attachment; filename=m.csv",
    )
    head = s3.head_object(Bucket=bucket, Key="m.csv")
    assert head["ContentType"] == "text/csv; charset=utf-8"
    assert head["Metadata"] == {"owner": "Ada", "x-y": "z"}
    assert (head["CacheControl"], head["ContentDisposition"]) == ("no-cache", "attachment; filename=m.csv")


def test_list_objects_v2_pages_with_continuation_tokens_and_common_prefixes(tenant: Tenant) -> None:
    s3, bucket = tenant.s3, tenant.bucket("listing")
    keys = [f"l/{number}.txt" for number in range(7)] + [f"l/dir{letter}/f" for letter in "abc"]
    for key in keys:
        s3.put_object(Bucket=bucket, Key=key, Body=b"x")

    def pages(**query: Any) -> list[tuple[list[str], list[str]]]:
        found: list[tuple[list[str], list[str]]] = []
        while True:
            page = s3.list_objects_v2(Bucket=bucket, Prefix="l/", **query)
            found.append(
                (
                    [entry["Key"] for entry in page.get("Contents", [])],
                    [entry["Prefix"] for entry in page.get("CommonPrefixes", [])],
                )
            )
            if not page["IsTruncated"]:
                return found
            query["ContinuationToken"] = page["NextContinuationToken"]

    assert [entry for page, _ in pages(MaxKeys=3) for entry in page] == keys
    assert [len(page) for page, _ in pages(MaxKeys=3)] == [3, 3, 3, 1]
    # With a delimiter a page holds MaxKeys keys and prefixes together, as in AWS.
    assert pages(MaxKeys=4, Delimiter="/") == [
        (["l/0.txt", "l/1.txt", "l/2.txt", "l/3.txt"], []),
        (["l/4.txt", "l/5.txt", "l/6.txt"], ["l/dira/"]),
        ([], ["l/dirb/", "l/dirc/"]),
    ]


def test_every_declared_feature_is_held_to_a_measurement(tenant: Tenant) -> None:
    declared = {field.name for field in fields(StorageFeatures)}
    assert declared == COVERED
    for name in declared:
        feature = getattr(tenant.features, name)
        assert feature.supported == (feature.why_not == ""), f"{name}: a reason exactly when unsupported"
