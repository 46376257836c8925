"""An account admin creates and deletes the account's buckets through the API, as themselves in storage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.buckets.names import name_problem
from coffer.clock import FixedClock
from coffer.data_access import MANAGE
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_user, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..metering.conftest import cycle
from ..storage import remove_buckets, service_client, session_s3


@dataclass
class Admin:
    account_id: str
    client: TestClient

    def buckets(self) -> list[str]:
        answer = self.client.get(f"/api/v1/accounts/{self.account_id}/buckets")
        assert answer.status_code == 200, answer.text
        return [bucket["name"] for bucket in answer.json()["items"]]

    def create(self, suffix: str) -> Any:
        return self.client.post(f"/api/v1/accounts/{self.account_id}/buckets", json={"suffix": suffix})

    def delete(self, bucket: str) -> Any:
        return self.client.post(f"/api/v1/accounts/{self.account_id}/buckets/{bucket}/delete")


def _signed_in_admin(settings: Settings, clock: FixedClock, stem: str) -> Iterator[Admin]:
    account_id = unique_account_id(stem)
    created = create_account_with_admin(settings, account_id, f"owner{account_id}")
    with open_client(settings, clock) as client:
        first_sign_in(client, Person(created.user.username, created.one_time_password), clock)
        yield Admin(account_id, client)
    remove_buckets(settings, [name for name in _all_buckets(settings) if name.startswith(f"{account_id}-")])


def _all_buckets(settings: Settings) -> list[str]:
    return [bucket["Name"] for bucket in service_client(settings, "s3").list_buckets()["Buckets"]]


@pytest.fixture
def admin(settings: Settings, clock: FixedClock) -> Iterator[Admin]:
    yield from _signed_in_admin(settings, clock, "bkt")


@pytest.fixture
def other_admin(settings: Settings, clock: FixedClock) -> Iterator[Admin]:
    yield from _signed_in_admin(settings, clock, "oth")


def _session_s3(settings: Settings, clock: FixedClock, client: TestClient) -> Any:
    """An S3 client holding the admin session's own STS credentials, as the BFF keeps them."""
    s3 = session_s3(settings, clock, client, MANAGE)
    assert s3 is not None, "the session holds no storage credentials"
    return s3


BAD_SUFFIXES = [
    ("", "Enter the bucket's name after"),
    ("x" * 60, "at most 63 characters"),
    ("Photos", "no capital letters"),
    ("photos_2024", "only lowercase letters, digits, hyphens (-) and dots (.)"),
    ("photos-", "starts and ends with a letter or a digit"),
    ("photos.", "starts and ends with a letter or a digit"),
    ("a..b", "two dots in a row"),
    ("photos-s3alias", "cannot end with -s3alias"),
]


@pytest.mark.parametrize(("suffix", "message"), BAD_SUFFIXES)
def test_a_bad_name_is_refused_with_its_own_message_and_makes_nothing(
    settings: Settings, admin: Admin, suffix: str, message: str
) -> None:
    before = _all_buckets(settings)

    answer = admin.create(suffix)

    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"].endswith("/invalid-bucket-name")
    assert message in problem["detail"]
    assert problem["errors"] == [{"field": "suffix", "message": problem["detail"]}]
    assert _all_buckets(settings) == before


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("ab", "3 to 63 characters"),
        ("a" * 64, "3 to 63 characters"),
        ("192.168.5.4", "IP address"),
        ("xn--photos", "cannot start with xn--"),
        ("-photos", "starts and ends with a letter or a digit"),
        ("acme photos", "only lowercase letters"),
    ],
)
def test_s3_naming_rules_on_whole_names(name: str, message: str) -> None:
    problem = name_problem(name)
    assert problem is not None and message in problem


@pytest.mark.parametrize("name", ["abc", "acme-photos", "acme-2024.backups", "a" * 63, "acme--x"])
def test_names_s3_accepts_pass(name: str) -> None:
    assert name_problem(name) is None


def test_a_created_bucket_is_listed_and_gone_once_deleted(admin: Admin) -> None:
    bucket = f"{admin.account_id}-photos.2024"

    created = admin.create("photos.2024")

    assert created.status_code == 201, created.text
    assert created.json()["name"] == bucket and created.json()["created_at"] is not None
    assert admin.buckets() == [bucket]
    assert admin.delete(bucket).status_code == 204
    assert admin.buckets() == []
    audit = admin.client.get("/api/v1/audit", params={"action": "bucket."}).json()["items"]
    assert sorted((event["action"], event["target"]) for event in audit) == [
        ("bucket.create", bucket),
        ("bucket.delete", bucket),
    ]


def test_a_bucket_made_again_after_its_deletion_starts_without_the_old_ones_quota(
    settings: Settings, clock: FixedClock, admin: Admin
) -> None:
    name = admin.create("again").json()["name"]
    clock.advance(60)
    cycle(settings, clock, capacity=True)  # quotas are set on buckets the collector has measured
    quota = f"/api/v1/accounts/{admin.account_id}/buckets/{name}/quota"
    assert admin.client.put(quota, json={"quota_bytes": settings.quota_min_bytes}).status_code == 200
    assert admin.delete(name).status_code == 204

    assert admin.create("again").status_code == 201
    clock.advance(60)
    cycle(settings, clock, capacity=True)

    state = admin.client.get(f"/api/v1/accounts/{admin.account_id}/quota").json()
    assert [bucket["quota_bytes"] for bucket in state["buckets"] if bucket["name"] == name] == [None]


def test_a_taken_name_is_refused_with_409_on_the_field(admin: Admin) -> None:
    assert admin.create("logs").status_code == 201

    answer = admin.create("logs")

    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/bucket-taken")
    assert answer.json()["errors"][0]["field"] == "suffix"
    assert f"{admin.account_id}-logs exists already" in answer.json()["detail"]


def test_a_bucket_holding_an_object_is_refused_and_kept(settings: Settings, clock: FixedClock, admin: Admin) -> None:
    bucket = f"{admin.account_id}-full"
    assert admin.create("full").status_code == 201
    _session_s3(settings, clock, admin.client).put_object(Bucket=bucket, Key="keep.txt", Body=b"keep me")

    answer = admin.delete(bucket)

    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/bucket-holds-data")
    assert "still holds objects" in answer.json()["detail"]
    assert admin.buckets() == [bucket]
    assert service_client(settings, "s3").get_object(Bucket=bucket, Key="keep.txt")["Body"].read() == b"keep me"


def test_deleting_a_bucket_that_does_not_exist_is_not_found(admin: Admin) -> None:
    assert admin.delete(f"{admin.account_id}-nothing").status_code == 404
    assert admin.delete("someone-elses").status_code == 404


def test_a_member_may_neither_create_nor_delete(settings: Settings, clock: FixedClock, admin: Admin) -> None:
    assert admin.create("shared").status_code == 201
    member = create_user(settings, f"member{admin.account_id}", "account-member", admin.account_id)
    with open_client(settings, clock) as client:
        first_sign_in(client, Person(member.user.username, member.one_time_password), clock)
        refused = Admin(admin.account_id, client)
        assert refused.create("mine").status_code == 403
        assert refused.delete(f"{admin.account_id}-shared").status_code == 403
    assert admin.buckets() == [f"{admin.account_id}-shared"]


def test_another_accounts_admin_may_neither_create_nor_delete_here(admin: Admin, other_admin: Admin) -> None:
    assert admin.create("private").status_code == 201
    intruder = Admin(admin.account_id, other_admin.client)

    assert intruder.create("theirs").status_code == 403
    assert intruder.delete(f"{admin.account_id}-private").status_code == 403
    assert admin.buckets() == [f"{admin.account_id}-private"]


def test_the_bucket_is_reachable_with_the_admins_own_credentials_only(
    settings: Settings, clock: FixedClock, admin: Admin, other_admin: Admin
) -> None:
    """The storage system enforces the account boundary on the new bucket too, whatever Coffer says."""
    bucket = f"{admin.account_id}-reports"
    assert admin.create("reports").status_code == 201
    own, foreign = _session_s3(settings, clock, admin.client), _session_s3(settings, clock, other_admin.client)

    own.put_object(Bucket=bucket, Key="q1.txt", Body=b"q1")
    assert [entry["Key"] for entry in own.list_objects_v2(Bucket=bucket)["Contents"]] == ["q1.txt"]
    for attempt in (
        lambda: foreign.list_objects_v2(Bucket=bucket),
        lambda: foreign.get_object(Bucket=bucket, Key="q1.txt"),
        lambda: foreign.put_object(Bucket=bucket, Key="x", Body=b"x"),
        lambda: foreign.delete_bucket(Bucket=bucket),
    ):
        with pytest.raises(foreign.exceptions.ClientError, match="AccessDenied"):
            attempt()
    assert bucket not in [entry["Name"] for entry in foreign.list_buckets()["Buckets"]]
    own.delete_object(Bucket=bucket, Key="q1.txt")


def test_the_admins_credentials_cannot_create_outside_the_account(
    settings: Settings, clock: FixedClock, admin: Admin, other_admin: Admin
) -> None:
    """Measured policy fact: the "manage" session policy allows CreateBucket under the prefix only."""
    s3 = _session_s3(settings, clock, admin.client)
    for name in (f"{other_admin.account_id}-sneaky", "plainbucketname"):
        with pytest.raises(s3.exceptions.ClientError, match="AccessDenied"):
            s3.create_bucket(Bucket=name)
    assert f"{other_admin.account_id}-sneaky" not in _all_buckets(settings)
