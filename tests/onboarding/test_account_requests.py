"""A visitor asks for an account, confirms by mail, staff approve or deny exactly once."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider, build_wiring, redis_connection
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.requests.service import AccountRequests, AlreadyDecided, account_id_from_name
from coffer.settings import Settings

from ..conftest import create_platform_admin
from ..flows import Person, first_sign_in
from ..mailbox import confirmation_token, one_time_password, wait_for_mail


def request_form(**changes: Any) -> dict[str, Any]:
    name = "Initech" + uuid.uuid4().hex[:6]
    return {
        "organisation": "Initech Ltd",
        "account_name": name,
        "contact_name": "Peter",
        "contact_email": f"peter@{name.lower()}.example.com",
        "expected_capacity_gib": 50,
        "message": "For our TPS reports.",
        **changes,
    }


def submit_and_confirm(client: TestClient, stack: EmbeddedStack, form: dict[str, Any]) -> None:
    answer = client.post("/api/v1/account-requests", json=form)
    assert answer.status_code == 202, answer.text
    assert "Check your mail" in answer.json()["detail"]
    token = confirmation_token(wait_for_mail(stack, form["contact_email"], "Confirm your"))
    confirmed = client.post("/api/v1/account-requests/confirm", json={"token": token})
    assert confirmed.status_code == 200, confirmed.text


def pending_request(staff: TestClient, form: dict[str, Any]) -> dict[str, Any]:
    page = staff.get("/api/v1/account-requests", params={"status": "pending"}).json()
    return next(item for item in page["items"] if item["account_name"] == form["account_name"])


def test_request_confirm_approve_then_the_requester_signs_in(
    client: TestClient, stack: EmbeddedStack, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    form = request_form()
    submit_and_confirm(client, stack, form)
    assert wait_for_mail(stack, "admin@example.com", "New account request")

    first_sign_in(client, admin, clock)
    page = client.get("/api/v1/account-requests", params={"status": "pending"}).json()
    assert page["pending_count"] == 1
    request = pending_request(client, form)
    approved = client.post(
        f"/api/v1/account-requests/{request['id']}/approve",
        json={"account_id": None, "display_name": None, "quota_bytes": None},
    )

    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["decided_by"] == "admin"
    account = client.get(f"/api/v1/accounts/{approved.json()['account_id']}").json()
    assert account["status"] == "active"
    assert account["quota_bytes"] == 50 * 1024**3
    password = one_time_password(wait_for_mail(stack, form["contact_email"], "is ready"))
    client.post("/api/v1/auth/logout")
    signed_in = first_sign_in(client, Person(form["contact_email"], password), clock)
    assert signed_in["me"]["role"] == "account-admin"
    assert client.get("/api/v1/account-requests").status_code == 403


def test_deny_mails_the_reason(client: TestClient, stack: EmbeddedStack, admin: Person, clock: FixedClock) -> None:
    form = request_form()
    submit_and_confirm(client, stack, form)
    first_sign_in(client, admin, clock)
    request = pending_request(client, form)

    empty = client.post(f"/api/v1/account-requests/{request['id']}/deny", json={"reason": ""})
    assert empty.status_code == 422
    denied = client.post(f"/api/v1/account-requests/{request['id']}/deny", json={"reason": "No TPS reports here."})

    assert denied.json()["status"] == "denied"
    assert "No TPS reports here." in wait_for_mail(stack, form["contact_email"], "declined")
    again = client.post(f"/api/v1/account-requests/{request['id']}/approve", json={})
    assert again.status_code == 409


def test_the_confirmation_link_works_once(client: TestClient, stack: EmbeddedStack) -> None:
    form = request_form()
    client.post("/api/v1/account-requests", json=form)
    token = confirmation_token(wait_for_mail(stack, form["contact_email"], "Confirm your"))
    assert client.post("/api/v1/account-requests/confirm", json={"token": token}).status_code == 200
    reused = client.post("/api/v1/account-requests/confirm", json={"token": token})
    assert reused.status_code == 410
    assert "already used" in reused.json()["detail"]
    assert client.post("/api/v1/account-requests/confirm", json={"token": "forged"}).status_code == 410


def test_unconfirmed_requests_do_not_reach_the_queue(
    client: TestClient, stack: EmbeddedStack, admin: Person, clock: FixedClock
) -> None:
    form = request_form()
    client.post("/api/v1/account-requests", json=form)
    first_sign_in(client, admin, clock)
    page = client.get("/api/v1/account-requests").json()
    assert form["account_name"] not in [item["account_name"] for item in page["items"]]
    assert page["pending_count"] == 0


def test_requests_are_rate_limited_per_email(client: TestClient) -> None:
    form = request_form()
    statuses = [
        client.post("/api/v1/account-requests", json={**form, "account_name": f"{form['account_name']}{n}"}).status_code
        for n in range(4)
    ]
    assert statuses == [202, 202, 202, 429]


def test_requests_are_rate_limited_per_address_and_the_wait_is_told(client: TestClient) -> None:
    answers = [client.post("/api/v1/account-requests", json=request_form()) for _ in range(6)]

    assert [answer.status_code for answer in answers] == [202] * 5 + [429]
    refused = answers[-1]
    assert refused.headers["retry-after"] == "3600"
    assert "Try again in 60 minutes" in refused.json()["detail"]


def test_a_taken_name_and_bad_fields_are_explained(client: TestClient, admin: Person, clock: FixedClock) -> None:
    form = request_form()
    first_sign_in(client, admin, clock)
    account_id = form["account_name"].lower()
    created = client.post(
        "/api/v1/accounts",
        json={
            "id": account_id,
            "display_name": form["account_name"],
            "contact_email": form["contact_email"],
            "quota_bytes": None,
            "admin_name": "X",
            "admin_email": f"x@{account_id}.example.com",
        },
    )
    assert created.status_code == 201
    taken = client.post("/api/v1/account-requests", json=form)
    assert taken.status_code == 409
    assert [error["field"] for error in taken.json()["errors"]] == ["account_name"]
    unusable = client.post("/api/v1/account-requests", json={**form, "account_name": "semi;colon"})
    assert unusable.status_code == 422
    assert [error["field"] for error in unusable.json()["errors"]] == ["account_name"]
    bad = client.post("/api/v1/account-requests", json={**form, "contact_email": "nope", "expected_capacity_gib": 0})
    assert bad.status_code == 422
    assert {error["field"] for error in bad.json()["errors"]} == {"contact_email", "expected_capacity_gib"}


@pytest.mark.parametrize("second", ["approve", "deny"])
def test_two_staff_deciding_at_once_produce_exactly_one_outcome(
    client: TestClient, stack: EmbeddedStack, settings: Settings, second: str
) -> None:
    form = request_form()
    submit_and_confirm(client, stack, form)
    create_platform_admin(settings, "second")

    async def decide_twice() -> list[Any]:
        connection = redis_connection(settings)
        provider = build_provider(settings)
        try:
            services = build_wiring(settings, FixedClock(time.time()), connection, provider)
            items, _, _ = await services.get(AccountRequests).page("pending", 0, 50)
            request_id = next(item.id for item in items if item.account_name == form["account_name"])
            other = (
                services.get(AccountRequests).approve(request_id, None, None, None, "second", "")
                if second == "approve"
                else services.get(AccountRequests).deny(request_id, "no", "second", "")
            )
            return await asyncio.gather(
                services.get(AccountRequests).approve(request_id, None, None, None, "admin", ""),
                other,
                return_exceptions=True,
            )
        finally:
            await provider.close()
            await connection.close()

    outcomes = asyncio.run(decide_twice())

    assert sum(isinstance(outcome, AlreadyDecided) for outcome in outcomes) == 1
    assert sum(not isinstance(outcome, Exception) for outcome in outcomes) == 1


def test_an_approval_with_a_quota_below_the_minimum_is_refused_and_the_request_stays_pending(
    client: TestClient, stack: EmbeddedStack, admin: Person, clock: FixedClock
) -> None:
    form = request_form()
    submit_and_confirm(client, stack, form)
    first_sign_in(client, admin, clock)
    request = pending_request(client, form)

    refused = client.post(f"/api/v1/account-requests/{request['id']}/approve", json={"quota_bytes": 1000})

    assert refused.status_code == 422, refused.text
    assert [error["field"] for error in refused.json()["errors"]] == ["quota_bytes"]
    assert pending_request(client, form)["status"] == "pending"


@pytest.mark.parametrize(
    ("name", "proposed"),
    [("Acme Research", "acmeresearch"), ("Société Générale", "societegenerale"), ("2nd Wave Labs", "ndwavelabs")],
)
def test_a_requested_name_proposes_its_letters_and_digits_as_the_account_id(name: str, proposed: str) -> None:
    assert account_id_from_name(name) == proposed
