"""Changing who gets an account's quota alerts, and ending one of one's own sessions, leave audit events."""

from __future__ import annotations

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..auth.test_own_sessions import sessions
from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in, sign_in
from .test_audit_log import events


def test_a_change_of_alert_settings_is_audited_with_what_it_was_and_became(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    account_id = unique_account_id()
    create_account_with_admin(settings, account_id, "owner")

    changed = {"notify_account_admins": True, "delivery": "daily-digest"}
    assert client.put(f"/api/v1/accounts/{account_id}/alert-settings", json=changed).status_code == 200

    (event,) = events(client, action="alerts.settings")
    assert (event["actor"], event["target"], event["account_id"], event["result"]) == (
        "admin",
        account_id,
        account_id,
        "success",
    )
    assert event["ip"]
    assert event["detail"] == ("notify_account_admins false -> true, delivery each-crossing -> daily-digest")


def test_ending_one_of_ones_own_other_sessions_is_audited(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    with open_client(settings, clock) as phone:
        phone.headers["User-Agent"] = "Phone browser"
        sign_in(phone, admin, clock)
        (other,) = [item for item in sessions(client) if not item["current"]]
        assert client.post("/api/v1/me/sessions/nosuchsession/sign-out").status_code == 404
        assert client.post(f"/api/v1/me/sessions/{other['sid']}/sign-out").status_code == 204

    (event,) = events(client, action="auth.session_end")
    assert (event["actor"], event["result"]) == ("admin", "success")
    assert event["ip"] and f"session {other['sid']}" in event["detail"] and "Phone browser" in event["detail"]
