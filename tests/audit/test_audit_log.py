"""The audit log as staff and account admins read it: filters, pages, CSV, scope and retention."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.testclient import TestClient

from coffer.app import redis_connection
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import FixedClock
from coffer.settings import Settings
from coffer.store.audit import AuditStore

from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in


def events(client: TestClient, **filters: Any) -> list[dict[str, Any]]:
    answer = client.get("/api/v1/audit", params=filters)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_sign_ins_and_account_changes_are_recorded_and_filtered(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    client.post("/api/v1/auth/login", json={"username": "mallory", "password": "not the password"})
    account_id = unique_account_id()
    create_account_with_admin(settings, account_id, "owner")
    assert client.post(f"/api/v1/accounts/{account_id}/disable").status_code == 200

    disabled = events(client, action="account.disable")
    assert [(event["actor"], event["target"], event["result"]) for event in disabled] == [
        ("admin", account_id, "success")
    ]
    assert disabled[0]["ip"]
    assert {event["action"] for event in events(client, action="auth.")} >= {"auth.sign_in", "auth.mfa.enroll"}
    failed = events(client, actor="mallory")
    assert [(event["action"], event["result"]) for event in failed] == [("auth.sign_in.password", "failure")]
    assert {event["account_id"] for event in events(client, account_id=account_id)} == {account_id}
    assert {event["action"] for event in events(client, account_id=account_id)} >= {"account.create", "user.create"}


def test_a_time_range_keeps_only_events_inside_it(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    signed_in_at = datetime.fromtimestamp(clock.now(), tz=UTC)
    clock.advance(600)
    client.post("/api/v1/auth/login", json={"username": "mallory", "password": "not the password"})
    between = (signed_in_at + timedelta(minutes=5)).isoformat()

    later = events(client, since=between)
    assert [event["actor"] for event in later] == ["mallory"]
    earlier = events(client, until=between)
    assert "mallory" not in {event["actor"] for event in earlier}
    assert "auth.sign_in" in {event["action"] for event in earlier}


def test_pages_follow_each_other_without_gaps_or_repeats(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    everything = events(client, limit=500)
    assert len(everything) >= 5

    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/audit", params=params).json()
        seen += [event["id"] for event in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [event["id"] for event in everything]


def test_a_cursor_before_the_first_event_is_an_empty_last_page(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    """Found by schemathesis: Redis refused the range and the page answered 500."""
    first_sign_in(client, admin, clock)
    page = client.get("/api/v1/audit", params={"cursor": "0-0"})
    assert page.status_code == 200
    assert page.json() == {"items": [], "next_cursor": None}


def test_account_admins_see_only_their_own_account(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    own, other = unique_account_id("own"), unique_account_id("other")
    owner = create_account_with_admin(settings, own, "owner")
    create_account_with_admin(settings, other, "neighbour")
    with open_client(settings, clock) as owner_client:
        first_sign_in(owner_client, Person(owner.user.username, owner.one_time_password), clock)

        seen = events(owner_client, limit=500)
        asked_for_other = events(owner_client, account_id=other, limit=500)
        exported = owner_client.get("/api/v1/audit/export.csv", params={"account_id": other}).text

    assert seen and {event["account_id"] for event in seen} == {own}
    assert {event["account_id"] for event in asked_for_other} == {own}
    assert other not in exported and own in exported


def test_csv_export_has_the_filtered_rows_and_defuses_formulas(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    formula = '=HYPERLINK("http://evil")'
    client.post("/api/v1/auth/login", json={"username": formula, "password": "not the password"})

    answer = client.get("/api/v1/audit/export.csv", params={"action": "auth.sign_in.password"})

    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert {row["action"] for row in rows} == {"auth.sign_in.password"}
    assert {row["actor"] for row in rows} == {"admin", "'" + formula}


def test_events_older_than_the_retention_are_dropped(settings: Settings) -> None:
    async def scenario() -> list[str]:
        connection = redis_connection(settings)
        try:
            store = AuditStore(connection.redis, max_events=1000, retention_seconds=3600)
            await connection.redis.xadd("coffer:audit", {"action": "from.1970"}, id="1000-0")
            auditor = Auditor(store, FixedClock(1_000.0))
            await auditor.record(AuditEvent(action="recent.one", actor="someone", result="success"))
            await auditor.record(AuditEvent(action="recent.two", actor="someone", result="success"))
            return [fields.get("action", "") for _, fields in await store.latest(10)]
        finally:
            await connection.close()

    assert asyncio.run(scenario()) == ["recent.two", "recent.one"]


def test_events_name_the_people_and_accounts_behind_their_ids(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    account_id = unique_account_id()
    owner = create_account_with_admin(settings, account_id, "owner")
    assert client.post(f"/api/v1/accounts/{account_id}/users/{owner.user.id}/disable").status_code == 200

    (disabled,) = events(client, action="user.disable")
    assert disabled["target"] == owner.user.username  # the record keeps what it named
    assert disabled["target_name"] == f"{owner.user.display_name} ({owner.user.username})"
    (created,) = events(client, action="user.create", account_id=account_id)
    assert created["target_name"] == disabled["target_name"]  # recorded by id, named the same
    assert disabled["account_id"] == account_id
    assert disabled["account_name"] == account_id.title()
    signed_in = next(event for event in events(client, action="auth.sign_in") if event["actor"] == "admin")
    assert signed_in["account_name"] is None  # staff act in no account
