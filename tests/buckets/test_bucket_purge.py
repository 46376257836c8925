"""An account admin deletes a bucket with all its data: the name typed, then a purge in the background."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import botocore.awsrequest
import botocore.exceptions
import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider, connected_services, create_app
from coffer.buckets.purge import BucketPurges, lease_name
from coffer.clock import FixedClock
from coffer.providers.base import StorageProvider
from coffer.providers.seaweedfs import SeaweedFSProvider
from coffer.settings import Settings
from coffer.store.bucket_purges import BucketPurgeRecord, BucketPurgeStore
from coffer.store.locks import LockStore

from ..conftest import create_account_with_admin, create_user, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..metering.conftest import cycle
from ..storage import remove_buckets, service_client

COOKIE = "__Host-coffer_session"


@dataclass
class Admin:
    account_id: str
    client: TestClient
    person: Person

    def base(self, bucket: str) -> str:
        return f"/api/v1/accounts/{self.account_id}/buckets/{bucket}"

    def make(self, suffix: str) -> str:
        answer = self.client.post(f"/api/v1/accounts/{self.account_id}/buckets", json={"suffix": suffix})
        assert answer.status_code == 201, answer.text
        return str(answer.json()["name"])

    def purge(self, bucket: str, confirm_name: str | None = None, client: TestClient | None = None) -> Any:
        body = {"confirm_name": bucket if confirm_name is None else confirm_name}
        return (client or self.client).post(self.base(bucket) + "/purge", json=body)

    def state(self, bucket: str) -> Any:
        return self.client.get(self.base(bucket) + "/purge")

    def buckets(self) -> list[str]:
        answer = self.client.get(f"/api/v1/accounts/{self.account_id}/buckets")
        assert answer.status_code == 200, answer.text
        return [bucket["name"] for bucket in answer.json()["items"]]

    def audit(self) -> list[dict[str, Any]]:
        return list(self.client.get("/api/v1/audit", params={"action": "bucket.purge"}).json()["items"])


def _signed_in_admin(settings: Settings, clock: FixedClock, stem: str) -> Iterator[Admin]:
    account_id = unique_account_id(stem)
    created = create_account_with_admin(settings, account_id, f"owner{account_id}")
    person = Person(created.user.username, created.one_time_password)
    with open_client(settings, clock) as client:
        first_sign_in(client, person, clock)
        yield Admin(account_id, client, person)
    names = [entry["Name"] for entry in service_client(settings, "s3").list_buckets()["Buckets"]]
    remove_buckets(settings, [name for name in names if name.startswith(f"{account_id}-")])


@pytest.fixture
def admin(settings: Settings, clock: FixedClock) -> Iterator[Admin]:
    yield from _signed_in_admin(settings, clock, "prg")


@pytest.fixture
def other_admin(settings: Settings, clock: FixedClock) -> Iterator[Admin]:
    yield from _signed_in_admin(settings, clock, "oth")


def _until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


def _fill(settings: Settings, bucket: str, count: int) -> None:
    s3 = service_client(settings, "s3")
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda n: s3.put_object(Bucket=bucket, Key=f"file-{n:05}", Body=b"x"), range(count)))


def _exists(settings: Settings, bucket: str) -> bool:
    return bucket in [entry["Name"] for entry in service_client(settings, "s3").list_buckets()["Buckets"]]


def _finished(admin: Admin, bucket: str) -> dict[str, Any]:
    seen: list[dict[str, Any]] = []

    def over() -> bool:
        seen[:] = [admin.state(bucket).json()]
        return bool(seen[0]["state"] != "running")

    _until(over, f"the purge of {bucket} to finish")
    return seen[0]


def test_a_bucket_of_5000_objects_is_purged_in_the_background_and_its_name_is_free_again(
    settings: Settings, clock: FixedClock, admin: Admin
) -> None:
    bucket = admin.make("big")
    _fill(settings, bucket, 5000)
    member = create_user(settings, f"member{admin.account_id}", "account-member", admin.account_id)
    grant_path = f"/api/v1/accounts/{admin.account_id}/users/{member.user.id}/data-grant"
    revision = admin.client.get(grant_path).json()["revision"]
    granted = {"account": "none", "buckets": [{"bucket": bucket, "level": "read"}], "revision": revision}
    assert admin.client.put(grant_path, json=granted).status_code == 200
    clock.advance(60)
    cycle(settings, clock, capacity=True)  # quotas are set on buckets the collector has measured
    quota = admin.base(bucket) + "/quota"
    assert admin.client.put(quota, json={"quota_bytes": settings.quota_min_bytes}).status_code == 200
    assert admin.client.post(admin.base(bucket) + "/delete").json()["type"].endswith("/bucket-holds-data")

    started = admin.purge(bucket)

    assert started.status_code == 202, started.text
    assert started.json()["state"] == "running" and started.json()["started_by"] == admin.person.username
    progress: list[int] = []

    def done() -> bool:
        state = admin.state(bucket).json()
        if state["state"] == "running":
            progress.append(state["objects_deleted"])
        return bool(state["state"] == "done")

    _until(done, "the purge to finish")
    assert any(0 < count < 5000 for count in progress), f"no progress seen while it ran: {sorted(set(progress))}"
    assert progress == sorted(progress)
    finished = admin.state(bucket).json()
    assert finished["objects_deleted"] == 5000 and finished["finished_at"] is not None and finished["error"] is None
    assert not _exists(settings, bucket)
    assert admin.buckets() == []
    assert [(event["result"], event["detail"]) for event in reversed(admin.audit())] == [
        ("success", "started"),
        ("success", "5000 objects deleted"),
    ]

    assert admin.make("big") == bucket
    clock.advance(60)
    cycle(settings, clock, capacity=True)
    state = admin.client.get(f"/api/v1/accounts/{admin.account_id}/quota").json()
    assert [entry["quota_bytes"] for entry in state["buckets"] if entry["name"] == bucket] == [None]
    assert admin.client.get(grant_path).json()["buckets"] == []


def test_a_versioned_bucket_is_purged_with_every_version_and_delete_marker(settings: Settings, admin: Admin) -> None:
    bucket = admin.make("versioned")
    s3 = service_client(settings, "s3")
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": "Enabled"})
    for body in (b"one", b"two", b"three"):
        s3.put_object(Bucket=bucket, Key="report.txt", Body=body)
    s3.put_object(Bucket=bucket, Key="gone.txt", Body=b"old")
    s3.delete_object(Bucket=bucket, Key="gone.txt")  # leaves a delete marker over the old version
    s3.put_object(Bucket=bucket, Key="kept.txt", Body=b"now")
    versions = s3.list_object_versions(Bucket=bucket)
    assert len(versions["Versions"]) == 5 and len(versions["DeleteMarkers"]) == 1

    assert admin.purge(bucket).status_code == 202

    finished = _finished(admin, bucket)
    assert finished["state"] == "done", finished
    assert finished["objects_deleted"] >= 6  # every version and marker (the current ones first leave markers)
    assert not _exists(settings, bucket)


@pytest.mark.parametrize("typed", ["", "versioned", "{bucket}x", "{BUCKET}", " {bucket}"])
def test_a_wrong_confirmation_name_is_refused_on_the_field_and_deletes_nothing(
    settings: Settings, admin: Admin, typed: str
) -> None:
    bucket = admin.make("keep")
    service_client(settings, "s3").put_object(Bucket=bucket, Key="a.txt", Body=b"a")

    answer = admin.purge(bucket, typed.format(bucket=bucket, BUCKET=bucket.upper()))

    assert answer.status_code == 422, answer.text
    assert answer.json()["type"].endswith("/purge-not-confirmed")
    assert answer.json()["errors"] == [{"field": "confirm_name", "message": answer.json()["detail"]}]
    assert bucket in answer.json()["detail"]
    assert admin.state(bucket).status_code == 404
    assert service_client(settings, "s3").get_object(Bucket=bucket, Key="a.txt")["Body"].read() == b"a"
    assert admin.audit() == []


def test_another_accounts_bucket_is_not_found_and_kept(settings: Settings, admin: Admin, other_admin: Admin) -> None:
    bucket = admin.make("mine")
    service_client(settings, "s3").put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    intruder = Admin(other_admin.account_id, other_admin.client, other_admin.person)

    assert intruder.purge(bucket).status_code == 404
    assert intruder.state(bucket).status_code == 404
    assert intruder.purge(f"{other_admin.account_id}-nothing").status_code == 404
    assert admin.purge(bucket, client=other_admin.client).status_code == 403  # their session, this account
    assert admin.state(bucket).status_code == 404
    assert _exists(settings, bucket)


def test_a_member_may_not_purge(settings: Settings, clock: FixedClock, admin: Admin) -> None:
    bucket = admin.make("shared")
    service_client(settings, "s3").put_object(Bucket=bucket, Key="a.txt", Body=b"a")
    member = create_user(settings, f"member{admin.account_id}", "account-member", admin.account_id)
    with open_client(settings, clock) as client:
        first_sign_in(client, Person(member.user.username, member.one_time_password), clock)
        assert admin.purge(bucket, client=client).status_code == 403
        assert client.get(admin.base(bucket) + "/purge").status_code == 403
    assert admin.state(bucket).status_code == 404
    assert _exists(settings, bucket)


def test_two_starts_at_once_on_two_instances_make_one_purge(
    settings: Settings, clock: FixedClock, admin: Admin
) -> None:
    bucket = admin.make("twice")
    _fill(settings, bucket, 3000)
    with open_client(settings, clock) as second:
        second.cookies.set(COOKIE, admin.client.cookies.get(COOKIE) or "")
        barrier = threading.Barrier(2)

        def start(client: TestClient) -> Any:
            barrier.wait()
            return admin.purge(bucket, client=client)

        with ThreadPoolExecutor(2) as pool:
            answers = list(pool.map(start, [admin.client, second]))

        assert [answer.status_code for answer in answers] == [202, 202], [answer.text for answer in answers]
        assert answers[0].json()["started_at"] == answers[1].json()["started_at"]
        finished = _finished(admin, bucket)
    assert finished["state"] == "done" and finished["objects_deleted"] == 3000
    assert [event["detail"] for event in admin.audit()].count("started") == 1


def _with_purges(settings: Settings, work: Callable[[Any], Any]) -> Any:
    async def run() -> Any:
        async with connected_services(settings) as services:
            return await work(services)

    return asyncio.run(run())


def test_a_purge_left_running_by_a_dead_instance_is_resumed_to_the_end(settings: Settings, admin: Admin) -> None:
    bucket = admin.make("orphan")
    _fill(settings, bucket, 1500)
    now = time.time()
    record = BucketPurgeRecord(
        account_id=admin.account_id,
        bucket=bucket,
        state="running",
        objects_deleted=0,
        started_at=now,
        updated_at=now,
        actor=admin.person.username,
    )

    async def died_before_the_first_batch(services: Any) -> None:
        assert (await BucketPurgeStore(services.redis).start(record))[1]

    _with_purges(settings, died_before_the_first_batch)
    assert admin.state(bucket).json()["state"] == "running"

    async def resume_while_held(services: Any) -> list[str]:
        locks = LockStore(services.redis)
        token = await locks.acquire(lease_name(bucket), 30)  # a live instance still holds it
        assert token is not None
        try:
            resumed: list[str] = await services.get(BucketPurges).resume_stalled()
            return resumed
        finally:
            await locks.release(lease_name(bucket), token)

    assert _with_purges(settings, resume_while_held) == []
    assert _exists(settings, bucket)

    assert _with_purges(settings, lambda services: services.get(BucketPurges).resume_stalled()) == [bucket]

    finished = admin.state(bucket).json()
    assert finished["state"] == "done" and finished["objects_deleted"] == 1500
    assert not _exists(settings, bucket)
    assert _with_purges(settings, lambda services: services.get(BucketPurges).resume_stalled()) == []


def test_objects_the_storage_refuses_to_delete_fail_the_purge_with_the_reason_and_a_new_start_retries(
    settings: Settings, clock: FixedClock, admin: Admin
) -> None:
    bucket = admin.make("stuck")
    service_client(settings, "s3").put_object(Bucket=bucket, Key="locked.bin", Body=b"x")
    refusing = threading.Event()
    refusing.set()

    def refuse_every_key(params: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]] | None:
        if not refusing.is_set():
            return None
        failed = [{"Key": "locked.bin", "Code": "AccessDenied", "Message": "Access Denied"}]
        return botocore.awsrequest.AWSResponse("", 200, {}, None), {"Errors": failed, "ResponseMetadata": {}}

    def provider_factory(settings: Settings) -> StorageProvider:
        provider = build_provider(settings)
        assert isinstance(provider, SeaweedFSProvider)
        provider._s3.meta.events.register("before-call.s3.DeleteObjects", refuse_every_key)  # type: ignore[attr-defined]
        return provider

    with TestClient(create_app(settings, clock, provider_factory), base_url="https://testserver") as client:
        client.headers["X-Coffer-CSRF"] = "1"
        client.cookies.set(COOKIE, admin.client.cookies.get(COOKIE) or "")
        assert admin.purge(bucket, client=client).status_code == 202

        failed = _finished(admin, bucket)
        assert failed["state"] == "failed"
        assert "locked.bin" in failed["error"] and "AccessDenied" in failed["error"]
        assert _exists(settings, bucket)

        refusing.clear()
        retried = admin.purge(bucket, client=client)
        assert retried.status_code == 202 and retried.json()["state"] == "running"
        assert _finished(admin, bucket)["state"] == "done"
    assert not _exists(settings, bucket)
    assert [event["result"] for event in reversed(admin.audit())] == ["success", "failure", "success", "success"]


def test_an_instance_that_shuts_down_mid_purge_leaves_it_running_and_another_finishes_it(
    settings: Settings, clock: FixedClock, admin: Admin
) -> None:
    bucket = admin.make("handover")
    _fill(settings, bucket, 5000)
    with open_client(settings, clock) as leaving:
        leaving.cookies.set(COOKIE, admin.client.cookies.get(COOKIE) or "")
        assert admin.purge(bucket, client=leaving).status_code == 202
        _until(lambda: admin.state(bucket).json()["objects_deleted"] > 0, "the first batch")
    halfway = admin.state(bucket).json()  # the instance is gone: its purge was cancelled, its lease released
    assert halfway["state"] == "running" and halfway["objects_deleted"] < 5000
    assert _exists(settings, bucket)

    assert _with_purges(settings, lambda services: services.get(BucketPurges).resume_stalled()) == [bucket]

    finished = admin.state(bucket).json()
    assert finished["state"] == "done" and finished["objects_deleted"] == 5000
    assert not _exists(settings, bucket)


def test_a_purge_the_storage_system_stops_answering_waits_running_and_the_resumer_finishes_it(
    settings: Settings, clock: FixedClock, admin: Admin
) -> None:
    bucket = admin.make("outage")
    _fill(settings, bucket, 200)

    def unreachable(**_: Any) -> None:
        raise botocore.exceptions.EndpointConnectionError(endpoint_url=settings.s3_endpoint)

    def provider_factory(settings: Settings) -> StorageProvider:
        provider = build_provider(settings)
        assert isinstance(provider, SeaweedFSProvider)
        provider._s3.meta.events.register("before-call.s3.DeleteObjects", unreachable)  # type: ignore[attr-defined]
        return provider

    with TestClient(create_app(settings, clock, provider_factory), base_url="https://testserver") as client:
        client.headers["X-Coffer-CSRF"] = "1"
        client.cookies.set(COOKIE, admin.client.cookies.get(COOKIE) or "")
        assert admin.purge(bucket, client=client).status_code == 202
        _until(lambda: admin.state(bucket).json()["error"] is not None, "the outage to be noted")
    waiting = admin.state(bucket).json()
    assert waiting["state"] == "running" and "goes on by itself" in waiting["error"]

    assert _with_purges(settings, lambda services: services.get(BucketPurges).resume_stalled()) == [bucket]

    finished = admin.state(bucket).json()
    assert finished["state"] == "done" and finished["objects_deleted"] == 200 and finished["error"] is None
    assert not _exists(settings, bucket)
