"""Quotas enforced by the storage system: over quota a real S3 client cannot write, but can read and delete."""

from __future__ import annotations

from typing import Any

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..metering.conftest import cycle
from ..storage import service_client
from .conftest import Tenant


def refused(s3: Any, bucket: str, key: str = "more") -> bool:
    try:
        s3.put_object(Bucket=bucket, Key=key, Body=b"more")
    except s3.exceptions.ClientError:
        return True
    return False


def test_over_its_quota_a_bucket_refuses_writes_until_the_quota_is_raised(tenant: Tenant) -> None:
    bucket = tenant.bucket("photos", 3000)
    tenant.sample()
    path = f"/api/v1/accounts/{tenant.account_id}/buckets/{bucket}/quota"

    answer = tenant.owner.put(path, json={"quota_bytes": 2000})

    assert answer.status_code == 200, answer.text
    [state] = answer.json()["buckets"]
    assert (state["quota_bytes"], state["bytes_used"], state["used_percent"], state["writes_blocked"]) == (
        2000,
        3000,
        150.0,
        True,
    )
    assert refused(tenant.s3, bucket)
    assert len(tenant.s3.get_object(Bucket=bucket, Key="object0")["Body"].read()) == 3000
    raised = tenant.owner.put(path, json={"quota_bytes": 10_000}).json()
    assert raised["buckets"][0]["writes_blocked"] is False
    assert not refused(tenant.s3, bucket)


def test_over_the_account_quota_every_bucket_refuses_writes_until_data_is_deleted(tenant: Tenant) -> None:
    first, second = tenant.bucket("one", 2000), tenant.bucket("two", 2000)
    tenant.sample()

    answer = tenant.staff.put(f"/api/v1/accounts/{tenant.account_id}/quota", json={"quota_bytes": 3000})

    assert answer.status_code == 200, answer.text
    assert (answer.json()["bytes_used"], answer.json()["used_percent"]) == (4000, 133.3)
    assert [bucket["writes_blocked"] for bucket in answer.json()["buckets"]] == [True, True]
    assert refused(tenant.s3, first) and refused(tenant.s3, second)
    tenant.s3.delete_object(Bucket=second, Key="object0")  # deleting still works over quota
    tenant.sample()
    assert [bucket["writes_blocked"] for bucket in tenant.quota()["buckets"]] == [False, False]
    assert not refused(tenant.s3, first)


def test_an_object_count_quota_counts_objects(tenant: Tenant) -> None:
    bucket = tenant.bucket("tiny", 10, 10, 10)
    tenant.sample()
    answer = tenant.staff.put(
        f"/api/v1/accounts/{tenant.account_id}/quota", json={"quota_bytes": None, "quota_objects": 2}
    )
    assert answer.json()["quota_objects"] == 2 and answer.json()["buckets"][0]["writes_blocked"] is True
    assert refused(tenant.s3, bucket)


def test_quotas_below_the_minimum_or_on_foreign_buckets_are_refused(
    settings: Settings, stack: EmbeddedStack, clock: FixedClock
) -> None:
    account_id, other_id = unique_account_id("small"), unique_account_id("rival")
    owner = create_account_with_admin(settings, account_id, f"owner{account_id}")
    bucket, foreign = f"{account_id}-data", f"{other_id}-data"
    for name in (bucket, foreign):
        service_client(settings, "s3").create_bucket(Bucket=name)
    cycle(settings, clock, capacity=True)
    with open_client(settings, clock) as client:
        first_sign_in(client, Person(owner.user.username, owner.one_time_password), clock)
        base = f"/api/v1/accounts/{account_id}/buckets"

        small = client.put(f"{base}/{bucket}/quota", json={"quota_bytes": 100})
        elsewhere = client.put(f"{base}/{foreign}/quota", json={"quota_bytes": 2 * 1024**3})
        fine = client.put(f"{base}/{bucket}/quota", json={"quota_bytes": 2 * 1024**3})
        account_quota = client.put(f"/api/v1/accounts/{account_id}/quota", json={"quota_bytes": 2 * 1024**3})

    assert small.status_code == 422 and small.json()["errors"][0]["message"] == "A quota must be at least 1 GiB."
    assert elsewhere.status_code == 404
    assert fine.status_code == 200 and fine.json()["buckets"][0]["quota_bytes"] == 2 * 1024**3
    assert account_quota.status_code == 403


def test_thresholds_are_kept_with_the_quota_and_shown_back(tenant: Tenant) -> None:
    bucket = tenant.bucket("notes", 10)
    tenant.sample()
    path = f"/api/v1/accounts/{tenant.account_id}/buckets/{bucket}/quota"
    body = {"quota_bytes": 5000, "warning_percent": 60, "critical_percent": 75}

    answer = tenant.owner.put(path, json=body).json()
    wrong = tenant.owner.put(path, json={**body, "warning_percent": 80})

    assert (answer["buckets"][0]["warning_percent"], answer["buckets"][0]["critical_percent"]) == (60, 75)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "critical_percent"
    assert tenant.quota()["buckets"][0]["warning_percent"] == 60


def test_a_bucket_made_since_the_last_sample_is_listed_and_takes_a_quota_at_once(tenant: Tenant) -> None:
    tenant.bucket("old", 10)
    tenant.sample()
    made = tenant.owner.post(f"/api/v1/accounts/{tenant.account_id}/buckets", json={"suffix": "fresh"})
    assert made.status_code == 201, made.text
    fresh = made.json()["name"]

    listed = {bucket["name"]: bucket for bucket in tenant.quota()["buckets"]}
    assert listed[fresh]["bytes_used"] is None  # not measured yet: the next sample measures it
    path = f"/api/v1/accounts/{tenant.account_id}/buckets/{fresh}/quota"
    answer = tenant.owner.put(path, json={"quota_bytes": 5000, "warning_percent": 80, "critical_percent": 90})
    assert answer.status_code == 200, answer.text
    assert {bucket["name"]: bucket for bucket in answer.json()["buckets"]}[fresh]["quota_bytes"] == 5000
