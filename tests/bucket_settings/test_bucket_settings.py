"""Bucket settings through the API, each one proved to take effect in the real SeaweedFS behind it."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx2 as httpx
import pytest
from botocore.exceptions import ClientError
from starlette.testclient import TestClient

from coffer.app import build_provider, create_app
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.providers.base import Feature, StorageFeatures, StorageProvider
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_user, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import key_of, service_client


@dataclass
class Tenant:
    account_id: str
    bucket: str
    admin: Person
    s3: Any  # the service identity, to look behind the API

    def path(self, suffix: str = "", bucket: str | None = None) -> str:
        return f"/api/v1/accounts/{self.account_id}/buckets/{bucket or self.bucket}/settings{suffix}"


def _remove(s3: Any, names: list[str]) -> None:
    """Every version and delete marker, then the bucket: the storage outlives the tests."""
    for name in names:
        for page in s3.get_paginator("list_object_versions").paginate(Bucket=name):
            for entry in [*page.get("Versions", []), *page.get("DeleteMarkers", [])]:
                s3.delete_object(Bucket=name, Key=entry["Key"], VersionId=entry["VersionId"])
        s3.delete_bucket(Bucket=name)


@pytest.fixture
def tenant(settings: Settings) -> Iterator[Tenant]:
    account_id = unique_account_id("set")
    created = create_account_with_admin(settings, account_id, f"ann{account_id}")
    bucket = f"{account_id}-site"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    made = [bucket]
    yield Tenant(account_id, bucket, Person(created.user.username, created.one_time_password), s3)
    for extra in s3.list_buckets()["Buckets"]:
        if extra["Name"].startswith(f"{account_id}-") and extra["Name"] not in made:
            made.append(extra["Name"])
    _remove(s3, made)


@pytest.fixture
def signed_in(client: TestClient, tenant: Tenant, clock: FixedClock) -> TestClient:
    first_sign_in(client, tenant.admin, clock)
    return client


def _put(client: TestClient, path: str, body: dict[str, Any], expect: int = 200) -> dict[str, Any]:
    answer = client.put(path, json=body)
    assert answer.status_code == expect, answer.text
    result: dict[str, Any] = answer.json()
    return result


def test_a_new_bucket_reads_as_nothing_set_and_lifecycle_says_why_it_is_missing(
    signed_in: TestClient, tenant: Tenant
) -> None:
    answer = signed_in.get(tenant.path())
    assert answer.status_code == 200, answer.text
    settings = answer.json()
    assert (settings["versioning"], settings["cors"], settings["tags"], settings["policy"]) == ("off", [], [], None)
    assert settings["object_lock"] is False
    assert settings["features"]["lifecycle"]["supported"] is False
    assert "lifecycle rules" in settings["features"]["lifecycle"]["why_not"]
    offered = ("versioning", "cors", "bucket_tags", "bucket_policy")
    assert all(settings["features"][name]["supported"] for name in offered)


def test_versioning_turned_on_keeps_the_old_version_after_an_overwrite_and_can_be_suspended(
    signed_in: TestClient, tenant: Tenant
) -> None:
    assert _put(signed_in, tenant.path("/versioning"), {"status": "enabled"})["versioning"] == "enabled"
    tenant.s3.put_object(Bucket=tenant.bucket, Key="report.txt", Body=b"first")
    tenant.s3.put_object(Bucket=tenant.bucket, Key="report.txt", Body=b"second, longer")

    versions = tenant.s3.list_object_versions(Bucket=tenant.bucket, Prefix="report.txt")["Versions"]
    assert sorted(entry["Size"] for entry in versions) == [5, 14]
    old = next(entry["VersionId"] for entry in versions if not entry["IsLatest"])
    assert tenant.s3.get_object(Bucket=tenant.bucket, Key="report.txt", VersionId=old)["Body"].read() == b"first"

    assert _put(signed_in, tenant.path("/versioning"), {"status": "suspended"})["versioning"] == "suspended"
    assert tenant.s3.get_bucket_versioning(Bucket=tenant.bucket)["Status"] == "Suspended"


def test_cors_rules_round_trip_and_the_storage_answers_a_preflight_from_the_allowed_origin_only(
    signed_in: TestClient, tenant: Tenant, settings: Settings
) -> None:
    rule = {
        "allowed_origins": ["https://app.example.com"],
        "allowed_methods": ["GET", "PUT"],
        "allowed_headers": ["content-type"],
        "expose_headers": ["ETag"],
        "max_age_seconds": 300,
    }
    assert _put(signed_in, tenant.path("/cors"), {"rules": [rule]})["cors"] == [rule]
    assert signed_in.get(tenant.path()).json()["cors"] == [rule]

    preflight = {"Access-Control-Request-Method": "PUT", "Access-Control-Request-Headers": "content-type"}
    url = f"{settings.s3_endpoint}/{tenant.bucket}/upload.bin"
    allowed = httpx.options(url, headers={"Origin": "https://app.example.com", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert allowed.headers["Access-Control-Max-Age"] == "300"
    other = httpx.options(url, headers={"Origin": "https://other.example.com", **preflight})
    assert other.status_code == 403 and "Access-Control-Allow-Origin" not in other.headers

    # Measured: without rules a bucket falls back to weed's `-s3.allowedOrigins` (default "*", as the
    # embedded launcher leaves it), which answers every origin: the console says so next to the form.
    assert _put(signed_in, tenant.path("/cors"), {"rules": []})["cors"] == []
    with pytest.raises(Exception, match="NoSuchCORSConfiguration"):
        tenant.s3.get_bucket_cors(Bucket=tenant.bucket)
    fallback = httpx.options(url, headers={"Origin": "https://other.example.com", **preflight})
    assert fallback.headers["Access-Control-Allow-Origin"] == "https://other.example.com"


def test_tags_round_trip_in_the_storage_and_no_tags_removes_them(signed_in: TestClient, tenant: Tenant) -> None:
    tags = [{"key": "team", "value": "web"}, {"key": "cost centre", "value": "A-12/b@x"}, {"key": "empty", "value": ""}]
    by_key = sorted(tags, key=lambda tag: tag["key"])  # measured: SeaweedFS answers tags in key order
    assert _put(signed_in, tenant.path("/tags"), {"tags": tags})["tags"] == by_key
    stored = tenant.s3.get_bucket_tagging(Bucket=tenant.bucket)["TagSet"]
    assert {tag["Key"]: tag["Value"] for tag in stored} == {tag["key"]: tag["value"] for tag in tags}

    assert _put(signed_in, tenant.path("/tags"), {"tags": []})["tags"] == []
    assert signed_in.get(tenant.path()).json()["tags"] == []


def _public_read(bucket: str) -> str:
    resource = [f"arn:aws:s3:::{bucket}/*"]
    statement = {"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject"], "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


def test_a_bucket_policy_round_trips_takes_effect_and_can_be_deleted(
    signed_in: TestClient, tenant: Tenant, settings: Settings
) -> None:
    tenant.s3.put_object(Bucket=tenant.bucket, Key="index.html", Body=b"<p>hello</p>")
    url = f"{settings.s3_endpoint}/{tenant.bucket}/index.html"
    assert httpx.get(url).status_code == 403

    document = _public_read(tenant.bucket)
    stored = json.loads(_put(signed_in, tenant.path("/policy"), {"document": document})["policy"])
    # Measured: SeaweedFS stores a one-item list as the item alone (["s3:GetObject"] → "s3:GetObject").
    assert stored["Statement"][0]["Action"] in ("s3:GetObject", ["s3:GetObject"])
    objects = f"arn:aws:s3:::{tenant.bucket}/*"
    assert stored["Statement"][0]["Resource"] in (objects, [objects])
    public = httpx.get(url)
    assert (public.status_code, public.content) == (200, b"<p>hello</p>")

    answer = signed_in.post(tenant.path("/policy/delete"), json={})
    assert answer.status_code == 200, answer.text
    assert answer.json()["policy"] is None
    assert httpx.get(url).status_code == 403
    assert signed_in.post(tenant.path("/policy/delete"), json={}).status_code == 200  # none to delete: fine


_V = {"Version": "2012-10-17"}


def _policy_with(resource: Any) -> str:
    statement = {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": resource}
    return json.dumps({"Version": "2012-10-17", "Statement": [statement]})


@pytest.mark.parametrize(
    ("document", "says"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "JSON object"),
        (json.dumps({"Statement": []}), '"Version": "2012-10-17"'),  # SeaweedFS refuses it without a reason
        ('{"Version": "2012-10-17"}', "needs a Statement"),
        (_policy_with("arn:aws:s3:::*"), "may name only"),
        (_policy_with("arn:aws:s3:::{other}/*"), "may name only"),
        (_policy_with("arn:aws:s3:::{bucket}-evil/*"), "may name only"),  # shares the name's start only
        (_policy_with(["arn:aws:s3:::{bucket}/*", "arn:aws:s3:::{other}"]), "may name only"),
        (
            json.dumps({**_V, "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:*"}]}),
            "needs a Resource",
        ),
        (json.dumps({**_V, "Statement": [{"Effect": "Deny", "NotResource": "x", "Action": "s3:*"}]}), "NotResource"),
    ],
)
def test_a_policy_naming_anything_but_this_bucket_is_refused_with_a_field_message(
    signed_in: TestClient, tenant: Tenant, document: str, says: str
) -> None:
    concrete = document.replace("{bucket}", tenant.bucket).replace("{other}", "otheracct-files")
    answer = signed_in.put(tenant.path("/policy"), json={"document": concrete})
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"].endswith("/invalid-bucket-policy")
    assert [error["field"] for error in problem["errors"]] == ["document"]
    assert says in problem["errors"][0]["message"]
    with pytest.raises(Exception, match="NoSuchBucketPolicy"):
        tenant.s3.get_bucket_policy(Bucket=tenant.bucket)  # nothing reached the storage


_GOOD_RULE = {"allowed_origins": ["https://a.example.com"], "allowed_methods": ["GET"]}
_ORIGINS = "rules.0.allowed_origins"


@pytest.mark.parametrize(
    ("setting", "body", "field"),
    [
        ("/versioning", {"status": "off"}, "status"),
        ("/versioning", {}, "status"),
        ("/tags", {"tags": [{"key": f"k{number}", "value": "v"} for number in range(51)]}, "tags"),
        ("/tags", {"tags": [{"key": "", "value": "v"}]}, "tags.0.key"),
        ("/tags", {"tags": [{"key": "k" * 129, "value": "v"}]}, "tags.0.key"),
        ("/tags", {"tags": [{"key": "k", "value": "v" * 257}]}, "tags.0.value"),
        ("/tags", {"tags": [{"key": "ok", "value": "v"}, {"key": "semi;colon", "value": "v"}]}, "tags.1.key"),
        ("/tags", {"tags": [{"key": "k", "value": "a<b>"}]}, "tags.0.value"),
        ("/tags", {"tags": [{"key": "aws:owner", "value": "v"}]}, "tags.0.key"),
        ("/tags", {"tags": [{"key": "k", "value": "1"}, {"key": "k", "value": "2"}]}, "tags"),
        ("/cors", {"rules": [{**_GOOD_RULE, "allowed_methods": ["PATCH"]}]}, "rules.0.allowed_methods.0"),
        ("/cors", {"rules": [{**_GOOD_RULE, "allowed_methods": []}]}, "rules.0.allowed_methods"),
        ("/cors", {"rules": [{**_GOOD_RULE, "allowed_origins": []}]}, "rules.0.allowed_origins"),
        ("/cors", {"rules": [{**_GOOD_RULE, "allowed_origins": ["https://a.example.com/app"]}]}, _ORIGINS),
        ("/cors", {"rules": [{**_GOOD_RULE, "allowed_origins": ["https://*.*.example.com"]}]}, _ORIGINS),
        ("/cors", {"rules": [{**_GOOD_RULE, "allowed_headers": ["x header"]}]}, "rules.0.allowed_headers"),
        ("/cors", {"rules": [{**_GOOD_RULE, "max_age_seconds": -1}]}, "rules.0.max_age_seconds"),
        ("/cors", {"rules": [{**_GOOD_RULE, "colour": "red"}]}, "rules.0.colour"),
        ("/policy", {"document": ""}, "document"),
    ],
)
def test_bad_settings_are_refused_with_the_field_that_is_wrong(
    signed_in: TestClient, tenant: Tenant, setting: str, body: dict[str, Any], field: str
) -> None:
    answer = signed_in.put(tenant.path(setting), json=body)
    assert answer.status_code == 422, answer.text
    assert field in [error["field"] for error in answer.json()["errors"]]


def test_object_lock_chosen_at_creation_is_shown_with_versioning_that_cannot_be_suspended(
    signed_in: TestClient, tenant: Tenant
) -> None:
    locked = f"{tenant.account_id}-ledger"
    tenant.s3.create_bucket(Bucket=locked, ObjectLockEnabledForBucket=True)
    settings = signed_in.get(tenant.path(bucket=locked)).json()
    assert (settings["object_lock"], settings["versioning"]) == (True, "enabled")

    answer = signed_in.put(tenant.path("/versioning", bucket=locked), json={"status": "suspended"})
    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/versioning-locked")


@pytest.mark.parametrize("bucket", ["otheraccount-files", "files"])
def test_a_bucket_outside_the_account_is_not_found_before_any_storage_call(
    signed_in: TestClient, tenant: Tenant, bucket: str
) -> None:
    assert signed_in.get(tenant.path(bucket=bucket)).status_code == 404
    answer = signed_in.put(tenant.path("/versioning", bucket=bucket), json={"status": "enabled"})
    assert answer.status_code == 404
    assert answer.json()["type"].endswith("/bucket-not-found")


def test_a_missing_bucket_of_the_account_is_not_found(signed_in: TestClient, tenant: Tenant) -> None:
    answer = signed_in.get(tenant.path(bucket=f"{tenant.account_id}-nothing"))
    assert answer.status_code == 404
    assert answer.json()["type"].endswith("/bucket-not-found")


def test_another_accounts_admin_is_refused(
    settings: Settings, tenant: Tenant, clock: FixedClock, client: TestClient
) -> None:
    other = unique_account_id("oth")
    created = create_account_with_admin(settings, other, f"bob{other}")
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)
    assert client.get(tenant.path()).status_code == 403
    assert client.put(tenant.path("/versioning"), json={"status": "enabled"}).status_code == 403
    assert "Status" not in tenant.s3.get_bucket_versioning(Bucket=tenant.bucket)


def test_staff_and_members_are_refused_and_told_why(
    settings: Settings, tenant: Tenant, clock: FixedClock, client: TestClient, admin: Person
) -> None:
    first_sign_in(client, admin, clock)
    answer = client.get(tenant.path())
    assert answer.status_code == 403
    assert "staff do not have" in answer.json()["detail"]
    assert client.put(tenant.path("/tags"), json={"tags": []}).status_code == 403

    member = create_user(settings, f"mem{tenant.account_id}", "account-member", tenant.account_id)
    with open_client(settings, clock) as as_member:
        first_sign_in(as_member, Person(member.user.username, member.one_time_password), clock)
        assert as_member.get(tenant.path()).status_code == 403
        assert as_member.put(tenant.path("/versioning"), json={"status": "enabled"}).status_code == 403


def test_every_change_is_in_the_audit_log(signed_in: TestClient, tenant: Tenant) -> None:
    _put(signed_in, tenant.path("/versioning"), {"status": "enabled"})
    _put(signed_in, tenant.path("/cors"), {"rules": [_GOOD_RULE]})
    _put(signed_in, tenant.path("/tags"), {"tags": [{"key": "a", "value": "b"}]})
    _put(signed_in, tenant.path("/policy"), {"document": _public_read(tenant.bucket)})
    signed_in.post(tenant.path("/policy/delete"), json={})

    audit = signed_in.get("/api/v1/audit", params={"action": "bucket."}).json()["items"]
    assert sorted((event["action"], event["target"], event["detail"]) for event in audit) == sorted(
        [
            ("bucket.versioning", tenant.bucket, "enabled"),
            ("bucket.cors", tenant.bucket, "1 rules"),
            ("bucket.tags", tenant.bucket, "1 tags"),
            ("bucket.policy", tenant.bucket, "set"),
            ("bucket.policy", tenant.bucket, "deleted"),
        ]
    )


class _WithoutCors:
    """The real provider, but declaring CORS unsupported, as a storage system without it would."""

    def __init__(self, settings: Settings) -> None:
        self._real = build_provider(settings)

    @property
    def features(self) -> StorageFeatures:
        return dataclasses.replace(self._real.features, cors=Feature(False, "This storage system ignores CORS."))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def test_a_setting_the_storage_does_not_support_is_refused_with_its_reason_and_reads_as_missing(
    stack: EmbeddedStack, tenant: Tenant, clock: FixedClock
) -> None:
    def without_cors(settings: Settings) -> StorageProvider:
        return _WithoutCors(settings)  # type: ignore[return-value]

    settings = make_settings(stack)
    with TestClient(create_app(settings, clock, without_cors), base_url="https://testserver") as client:
        client.headers["X-Coffer-CSRF"] = "1"
        first_sign_in(client, tenant.admin, clock)
        read = client.get(tenant.path()).json()
        assert read["cors"] is None
        assert read["features"]["cors"] == {"supported": False, "why_not": "This storage system ignores CORS."}
        answer = client.put(tenant.path("/cors"), json={"rules": [_GOOD_RULE]})
    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/feature-unsupported")
    assert "ignores CORS" in answer.json()["detail"]
    with pytest.raises(Exception, match="NoSuchCORSConfiguration"):
        tenant.s3.get_bucket_cors(Bucket=tenant.bucket)


def test_a_members_storage_identity_may_not_read_bucket_configuration_which_is_why_members_see_no_settings(
    settings: Settings, tenant: Tenant
) -> None:
    member = create_user(settings, f"mem{tenant.account_id}", "account-member", tenant.account_id)
    as_member = key_of(settings, tenant.account_id, member.user.username)
    as_member.put_object(Bucket=tenant.bucket, Key="mine.txt", Body=b"m")  # objects: yes
    for read in (as_member.get_bucket_versioning, as_member.get_bucket_cors, as_member.get_bucket_tagging):
        with pytest.raises(ClientError) as refused:
            read(Bucket=tenant.bucket)
        assert refused.value.response["Error"]["Code"] == "AccessDenied"
