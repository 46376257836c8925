"""Platform staff create, list, disable, enable and delete accounts; the storage system follows."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import unique_account_id
from ..flows import Person, first_sign_in
from ..mailbox import one_time_password, wait_for_mail
from ..storage import key_of, service_client


def new_account(account_id: str | None = None, **changes: Any) -> dict[str, Any]:
    account_id = account_id or unique_account_id("acme")
    return {
        "id": account_id,
        "display_name": f"Acme-{account_id}",
        "contact_email": f"ops@{account_id}.example.com",
        "quota_bytes": None,
        "admin_name": "Alice",
        "admin_email": f"alice@{account_id}.example.com",
        **changes,
    }


@pytest.fixture
def staff(client: TestClient, admin: Person, clock: FixedClock) -> TestClient:
    first_sign_in(client, admin, clock)
    return client


def test_created_account_is_provisioned_and_its_admin_gets_a_working_one_time_password(
    staff: TestClient, stack: EmbeddedStack, settings: Settings, clock: FixedClock
) -> None:
    body = new_account()
    answer = staff.post("/api/v1/accounts", json=body, headers={"Idempotency-Key": uuid.uuid4().hex})

    assert answer.status_code == 201, answer.text
    account = answer.json()
    assert account["status"] == "active"
    assert [step["status"] for step in account["steps"]] == ["done"] * 4
    assert account["users"] == 1
    mail = wait_for_mail(stack, body["admin_email"], "is ready")
    with TestClient(staff.app, base_url="https://testserver") as other:
        other.headers["X-Coffer-CSRF"] = "1"
        signed_in = first_sign_in(other, Person(body["admin_email"], one_time_password(mail)), clock)
    assert signed_in["me"]["account_id"] == body["id"]


def test_a_double_submitted_create_makes_one_account(staff: TestClient) -> None:
    body, key = new_account(), uuid.uuid4().hex
    start = threading.Barrier(2)

    def submit() -> Any:
        start.wait()  # both leave at once, as a double click does
        return staff.post("/api/v1/accounts", json=body, headers={"Idempotency-Key": key})

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda _: submit(), range(2))

    statuses = sorted([first.status_code, second.status_code])
    assert statuses in ([201, 201], [201, 409]), (first.text, second.text)
    made = first if first.status_code == 201 else second
    assert made.json()["status"] == "active"
    again = staff.post("/api/v1/accounts", json=body, headers={"Idempotency-Key": key})
    assert again.status_code == 201 and again.json()["id"] == body["id"]
    listed = staff.get("/api/v1/accounts", params={"q": body["id"]}).json()["items"]
    assert [item["id"] for item in listed] == [body["id"]]


def test_a_refused_create_can_be_fixed_and_resent_with_the_same_key(staff: TestClient) -> None:
    key = uuid.uuid4().hex
    refused = staff.post(
        "/api/v1/accounts", json=new_account(display_name="bad;name"), headers={"Idempotency-Key": key}
    )
    fixed = new_account()
    resent = staff.post("/api/v1/accounts", json=fixed, headers={"Idempotency-Key": key})
    reused = staff.post("/api/v1/accounts", json=new_account(), headers={"Idempotency-Key": key})

    assert refused.status_code == 422
    assert resent.status_code == 201 and resent.json()["id"] == fixed["id"]
    assert reused.status_code == 422 and "another account" in reused.json()["detail"]


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"display_name": "x" * 129}, 422, "display_name"),
        ({"display_name": " Leading space"}, 422, "display_name"),
        ({"display_name": "Two  spaces"}, 422, "display_name"),
        ({"display_name": "Tab\there"}, 422, "display_name"),
        ({"display_name": "semi;colon"}, 422, "display_name"),
        ({"display_name": "Rocket 🚀"}, 422, "display_name"),
        ({"id": "Upper"}, 422, "id"),
        ({"id": "ab"}, 422, "id"),
        ({"id": "with-dash"}, 422, "id"),
        ({"id": "9starts"}, 422, "id"),
        ({"id": "new"}, 422, "id"),
        ({"contact_email": "not-an-email"}, 422, "contact_email"),
    ],
)
def test_invalid_accounts_are_refused_naming_the_field(
    staff: TestClient, change: dict[str, str], status: int, field: str
) -> None:
    answer = staff.post("/api/v1/accounts", json=new_account(**change))
    assert answer.status_code == status, answer.text
    assert field in [error["field"] for error in answer.json()["errors"]]


def test_a_name_taken_in_another_case_is_refused(staff: TestClient) -> None:
    first = new_account(display_name="Globex.Corp")
    assert staff.post("/api/v1/accounts", json=first).status_code == 201
    answer = staff.post("/api/v1/accounts", json=new_account(display_name="GLOBEX.corp"))
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "display_name"


def test_a_valid_name_with_every_allowed_character_is_accepted(staff: TestClient) -> None:
    assert staff.post("/api/v1/accounts", json=new_account(display_name="a.b_c+d@e-f")).status_code == 201


@pytest.mark.parametrize("name", ["Acme Corp", "Société Générale", "株式会社テスト", "O'Neil & Sons (EU), Nord/Süd"])
def test_names_people_give_their_company_are_accepted_and_shown_as_written(staff: TestClient, name: str) -> None:
    body = new_account(display_name=f"{name} {uuid.uuid4().hex[:4]}")
    assert staff.post("/api/v1/accounts", json=body).status_code == 201, body
    assert staff.get(f"/api/v1/accounts/{body['id']}").json()["display_name"] == body["display_name"]


def test_a_name_written_with_a_combining_accent_is_the_same_name(staff: TestClient) -> None:
    stem = uuid.uuid4().hex[:4]
    composed, combining = f"Soci\u00e9t\u00e9 {stem}", f"Socie\u0301te\u0301 {stem}"
    assert staff.post("/api/v1/accounts", json=new_account(display_name=composed)).status_code == 201
    answer = staff.post("/api/v1/accounts", json=new_account(display_name=combining.upper()))
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "display_name"


def test_every_field_problem_is_reported_at_once(staff: TestClient) -> None:
    answer = staff.post("/api/v1/accounts", json=new_account(id="Bad-Id", display_name="semi;colon"))
    assert answer.status_code == 422
    assert {error["field"] for error in answer.json()["errors"]} == {"id", "display_name"}


def test_accounts_are_searched_filtered_sorted_and_paged(staff: TestClient) -> None:
    stem = "pg" + uuid.uuid4().hex[:5]
    ids = [f"{stem}{index}" for index in range(5)]
    for index, account_id in enumerate(ids):
        assert (
            staff.post("/api/v1/accounts", json=new_account(account_id, display_name=f"{stem}-{4 - index}")).status_code
            == 201
        )
    staff.post(f"/api/v1/accounts/{ids[0]}/disable")

    by_name = staff.get("/api/v1/accounts", params={"q": stem, "sort": "name"}).json()["items"]
    assert [item["display_name"] for item in by_name] == [f"{stem}-{index}" for index in range(5)]

    disabled = staff.get("/api/v1/accounts", params={"status": "disabled"}).json()["items"]
    assert [item["id"] for item in disabled] == [ids[0]]

    seen, cursor = [], None
    while True:
        page = staff.get(
            "/api/v1/accounts", params={"limit": 2, "sort": "created", **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == ids


def test_a_bad_cursor_is_a_clear_problem(staff: TestClient) -> None:
    answer = staff.get("/api/v1/accounts", params={"cursor": "garbage"})
    assert answer.status_code == 422
    assert "cursor" in answer.json()["detail"]


def test_disable_stops_sign_in_sessions_and_keys_and_enable_restores_them(
    staff: TestClient, stack: EmbeddedStack, settings: Settings, clock: FixedClock
) -> None:
    body = new_account()
    assert staff.post("/api/v1/accounts", json=body).status_code == 201
    alice = Person(body["admin_email"], one_time_password(wait_for_mail(stack, body["admin_email"], "is ready")))
    service_client(settings, "s3").create_bucket(Bucket=f"{body['id']}-data")
    key = key_of(settings, body["id"], alice.username)
    key.put_object(Bucket=f"{body['id']}-data", Key="before", Body=b"1")
    with TestClient(staff.app, base_url="https://testserver") as tenant:
        tenant.headers["X-Coffer-CSRF"] = "1"
        first_sign_in(tenant, alice, clock)

        assert staff.post(f"/api/v1/accounts/{body['id']}/disable").json()["status"] == "disabled"

        assert tenant.get("/api/v1/me").status_code == 401
        with pytest.raises(key.exceptions.ClientError):
            key.put_object(Bucket=f"{body['id']}-data", Key="during", Body=b"2")
        refused = tenant.post("/api/v1/auth/login", json={"username": alice.username, "password": alice.password})
        assert refused.status_code == 403
        assert "disabled" in refused.json()["detail"]

        assert staff.post(f"/api/v1/accounts/{body['id']}/enable").json()["status"] == "active"
        key.put_object(Bucket=f"{body['id']}-data", Key="after", Body=b"3")
        assert (
            tenant.post("/api/v1/auth/login", json={"username": alice.username, "password": alice.password}).status_code
            == 200
        )
    service_client(settings, "s3").delete_objects(
        Bucket=f"{body['id']}-data", Delete={"Objects": [{"Key": "before"}, {"Key": "after"}]}
    )


def test_delete_needs_the_name_refuses_data_unless_purged_and_keeps_the_record(
    staff: TestClient, settings: Settings
) -> None:
    body = new_account()
    assert staff.post("/api/v1/accounts", json=body).status_code == 201
    s3, iam = service_client(settings, "s3"), service_client(settings, "iam")
    s3.create_bucket(Bucket=f"{body['id']}-data")
    s3.put_object(Bucket=f"{body['id']}-data", Key="precious", Body=b"x")
    one = f"/api/v1/accounts/{body['id']}"

    wrong_name = staff.post(one + "/delete", json={"confirm_name": "nope", "purge_data": True})
    assert wrong_name.status_code == 422
    holds_data = staff.post(one + "/delete", json={"confirm_name": body["display_name"], "purge_data": False})
    assert holds_data.status_code == 409
    assert "hold objects" in holds_data.json()["detail"]
    assert s3.get_object(Bucket=f"{body['id']}-data", Key="precious")["Body"].read() == b"x"

    deleted = staff.post(one + "/delete", json={"confirm_name": body["display_name"], "purge_data": True})

    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["status"] == "deleted"
    assert [bucket["Name"] for bucket in s3.list_buckets()["Buckets"] if bucket["Name"].startswith(body["id"])] == []
    assert [
        user["UserName"] for user in iam.list_users()["Users"] if user["UserName"].startswith(body["id"] + ".")
    ] == []
    assert staff.get(one).json()["status"] == "deleted"


def test_a_create_with_a_quota_below_the_minimum_is_refused_like_a_quota_change(staff: TestClient) -> None:
    body = new_account(quota_bytes=1000)

    answer = staff.post("/api/v1/accounts", json=body)

    assert answer.status_code == 422, answer.text
    assert [error["field"] for error in answer.json()["errors"]] == ["quota_bytes"]
    assert "at least 1 GiB" in answer.json()["errors"][0]["message"]
    assert staff.get(f"/api/v1/accounts/{body['id']}").status_code == 404


def test_accounts_are_counted_by_status_as_they_change(staff: TestClient) -> None:
    before = staff.get("/api/v1/account-counts").json()
    first, second = new_account(), new_account()
    for body in (first, second):
        assert staff.post("/api/v1/accounts", json=body).status_code == 201
    assert staff.post(f"/api/v1/accounts/{second['id']}/disable").status_code == 200

    after = staff.get("/api/v1/account-counts").json()
    assert after["by_status"]["active"] == before["by_status"]["active"] + 1
    assert after["by_status"]["disabled"] == before["by_status"]["disabled"] + 1
    assert after["total"] == before["total"] + 2
    assert set(after["by_status"]) == {"provisioning", "waiting", "active", "disabled", "failed", "deleting", "deleted"}
