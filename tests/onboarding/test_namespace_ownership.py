"""An account owns exactly its namespace: a name under which the storage system already holds
someone else's buckets or users is refused, at every door and again inside the saga."""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from starlette.testclient import TestClient

from coffer.accounts.service import Accounts
from coffer.app import connected_services
from coffer.clock import FixedClock
from coffer.data_access import MANAGE
from coffer.embedded.stack import EmbeddedStack
from coffer.provisioning.reconcile import Reconciliation
from coffer.provisioning.saga import Provisioning
from coffer.settings import Settings

from ..conftest import claimed_record, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..mailbox import confirmation_token, wait_for_mail
from ..storage import remove_buckets, service_client


def account_body(account_id: str) -> dict[str, Any]:
    return {
        "id": account_id,
        "display_name": f"Name-{account_id}",
        "contact_email": f"ops@{account_id}.example.com",
        "quota_bytes": None,
        "admin_name": "Alice",
        "admin_email": f"alice@{account_id}.example.com",
    }


@pytest.fixture
def operator_bucket(settings: Settings) -> Iterator[tuple[str, str]]:
    """The operator's own `<word>-2025` bucket holding an object, made outside Coffer."""
    word = unique_account_id("backup")
    bucket = f"{word}-2025"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="ledger.csv", Body=b"2025,ledger\n")
    yield word, bucket
    remove_buckets(settings, [bucket])


@pytest.fixture
def staff(client: TestClient, admin: Person, clock: FixedClock) -> TestClient:
    first_sign_in(client, admin, clock)
    return client


def test_a_request_for_a_name_whose_namespace_holds_foreign_buckets_is_refused_with_the_reason(
    client: TestClient, operator_bucket: tuple[str, str]
) -> None:
    word, bucket = operator_bucket
    form = {
        "organisation": "Backup Ltd",
        "account_name": word,
        "contact_name": "Peter",
        "contact_email": f"peter@{word}.example.com",
        "expected_capacity_gib": 50,
        "message": "",
    }

    answer = client.post("/api/v1/account-requests", json=form)

    assert answer.status_code == 409, answer.text
    [error] = answer.json()["errors"]
    assert error["field"] == "account_name"
    assert "is taken" in error["message"]
    assert bucket not in answer.text  # a visitor learns nothing of what the storage holds


def test_a_direct_create_of_such_an_id_is_refused_and_nothing_is_made(
    staff: TestClient, settings: Settings, operator_bucket: tuple[str, str]
) -> None:
    word, bucket = operator_bucket

    answer = staff.post("/api/v1/accounts", json=account_body(word))

    assert answer.status_code == 409, answer.text
    assert answer.json()["errors"][0]["field"] == "id"
    assert bucket in answer.json()["errors"][0]["message"]
    assert staff.get(f"/api/v1/accounts/{word}").status_code == 404
    users = service_client(settings, "iam").list_users()["Users"]
    assert not [user for user in users if user["UserName"].startswith(f"{word}.")]
    assert service_client(settings, "s3").get_object(Bucket=bucket, Key="ledger.csv")["Body"].read() == b"2025,ledger\n"


def test_approving_a_request_for_a_name_taken_meanwhile_is_refused_and_the_request_stays_pending(
    staff: TestClient, settings: Settings, stack: EmbeddedStack
) -> None:
    """The request was fine when sent; the operator made `<word>-2025` before staff approved it."""
    word = unique_account_id("later")
    form = {
        "organisation": "Later Ltd",
        "account_name": word,
        "contact_name": "Peter",
        "contact_email": f"peter@{word}.example.com",
        "expected_capacity_gib": 50,
        "message": "",
    }
    assert staff.post("/api/v1/account-requests", json=form).status_code == 202
    token = confirmation_token(wait_for_mail(stack, form["contact_email"], "Confirm your"))
    assert staff.post("/api/v1/account-requests/confirm", json={"token": token}).status_code == 200
    pending = staff.get("/api/v1/account-requests", params={"status": "pending"}).json()["items"]
    [request] = [item for item in pending if item["account_name"] == word]
    service_client(settings, "s3").create_bucket(Bucket=f"{word}-2025")
    try:
        refused = staff.post(f"/api/v1/account-requests/{request['id']}/approve", json={})
    finally:
        remove_buckets(settings, [f"{word}-2025"])

    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"][0]["field"] == "account_id"
    assert f"{word}-2025" in refused.json()["errors"][0]["message"]
    still = staff.get("/api/v1/account-requests", params={"status": "pending"}).json()["items"]
    assert [item["id"] for item in still if item["account_name"] == word] == [request["id"]]
    assert staff.get(f"/api/v1/accounts/{word}").status_code == 404


def test_an_iam_user_made_outside_coffer_blocks_the_name_too(staff: TestClient, settings: Settings) -> None:
    word = unique_account_id("ops")
    iam = service_client(settings, "iam")
    iam.create_user(UserName=f"{word}.robot")
    try:
        answer = staff.post("/api/v1/accounts", json=account_body(word))
    finally:
        iam.delete_user(UserName=f"{word}.robot")

    assert answer.status_code == 409 and f"{word}.robot" in answer.text


def _with_services(settings: Settings, work: Any) -> Any:
    async def run() -> Any:
        async with connected_services(settings) as services:
            return await work(services)

    return asyncio.run(run())


def test_a_bucket_made_after_the_early_check_is_caught_by_the_saga_before_the_account_owns_it(
    settings: Settings,
) -> None:
    """The early check and the claim cannot be one step: the saga checks again once the id is claimed."""
    word = unique_account_id("beta")

    async def claimed(services: Any) -> None:
        await services.get(Accounts).new_record(claimed_record(word))

    _with_services(settings, claimed)
    service_client(settings, "s3").create_bucket(Bucket=f"{word}-x")  # the operator, meanwhile
    try:
        _with_services(settings, lambda services: services.get(Provisioning).resume_stalled())
        account = _with_services(settings, lambda services: services.get(Accounts).get(word))

        async def orphans(services: Any) -> Any:
            return await services.get(Reconciliation).orphans()

        found = _with_services(settings, orphans)
    finally:
        remove_buckets(settings, [f"{word}-x"])

    assert account.status == "failed"
    assert account.steps[0].name == "storage_account" and f"{word}-x" in (account.steps[0].error or "")
    users = service_client(settings, "iam").list_users()["Users"]
    assert not [user for user in users if user["UserName"].startswith(f"{word}.")]
    assert found.blocked[word] == [f"{word}-x"]


def test_two_creates_of_one_id_at_once_end_in_exactly_one_owner(staff: TestClient, settings: Settings) -> None:
    word = unique_account_id("twin")
    bodies = [account_body(word), {**account_body(word), "display_name": f"Other-{word}"}]
    answers: list[Any] = [None, None]
    start = threading.Barrier(2)

    def create(index: int) -> None:
        start.wait()
        answers[index] = staff.post("/api/v1/accounts", json=bodies[index])

    threads = [threading.Thread(target=create, args=(index,)) for index in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answer.status_code for answer in answers) == [201, 409], [answer.text for answer in answers]
    owner = next(answer.json() for answer in answers if answer.status_code == 201)
    assert staff.get(f"/api/v1/accounts/{word}").json()["display_name"] == owner["display_name"]
    users = [user["UserName"] for user in service_client(settings, "iam").list_users()["Users"]]
    assert [user for user in users if user.startswith(f"{word}.")] == [f"{word}.alice@{word}.example.com"]


def test_another_account_can_neither_list_nor_read_the_operator_bucket(
    settings: Settings, clock: FixedClock, operator_bucket: tuple[str, str]
) -> None:
    _, bucket = operator_bucket
    other = unique_account_id("other")

    async def credentials(services: Any) -> Any:
        await services.get(Provisioning).create(
            account_id=other,
            display_name=other.title(),
            contact_email=f"o@{other}.example.com",
            quota_bytes=None,
            admin_name="O",
            admin_email=f"o@{other}.example.com",
            actor="test",
            ip="",
        )
        return await services.provider.assume_console_role(other, f"o@{other}.example.com", MANAGE, 900)

    issued = _with_services(settings, credentials)
    s3 = boto3.client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=issued.access_key_id,
        aws_secret_access_key=issued.secret_access_key,
        aws_session_token=issued.session_token,
    )

    assert bucket not in [entry["Name"] for entry in s3.list_buckets().get("Buckets", [])]
    with pytest.raises(s3.exceptions.ClientError):
        s3.list_objects_v2(Bucket=bucket)
    with pytest.raises(s3.exceptions.ClientError):
        s3.get_object(Bucket=bucket, Key="ledger.csv")


def test_inviting_a_taken_username_leaves_the_existing_storage_identity_alone(
    settings: Settings, clock: FixedClock
) -> None:
    from ..conftest import create_account_with_admin

    account_id = unique_account_id("inv")
    owner = create_account_with_admin(settings, account_id, f"owner{account_id}")
    iam = service_client(settings, "iam")
    with open_client(settings, clock) as admin:
        first_sign_in(admin, Person(owner.user.username, owner.one_time_password), clock)
        base = f"/api/v1/accounts/{account_id}/users"
        body = {"username": "bob", "display_name": "Bob", "email": "bob@example.com", "role": "account-member"}
        assert admin.post(base, json=body).status_code == 201
        before = iam.get_user_policy(UserName=f"{account_id}.bob", PolicyName="coffer-account")["PolicyDocument"]

        again = admin.post(base, json={**body, "role": "account-admin", "email": f"{uuid.uuid4().hex}@example.com"})

    assert again.status_code == 409
    after = iam.get_user_policy(UserName=f"{account_id}.bob", PolicyName="coffer-account")["PolicyDocument"]
    assert after == before
    assert "s3:*" not in str(after)
