"""Sessions slide while used, up to the absolute maximum since sign-in."""

from __future__ import annotations

from starlette.testclient import TestClient

from coffer.clock import FixedClock

from ..flows import Person, first_sign_in

COOKIE = "__Host-coffer_session"


def test_an_active_session_is_renewed_and_an_idle_one_ends(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    first_expiry = client.get("/api/v1/me").json()["session"]["expires_at"]

    clock.advance(10 * 60)
    answer = client.get("/api/v1/me")
    assert answer.status_code == 200
    assert COOKIE in answer.headers.get("set-cookie", "")
    assert answer.json()["session"]["expires_at"] > first_expiry

    clock.advance(10 * 60)  # 20 minutes after sign-in, 10 after the last activity
    assert client.get("/api/v1/me").status_code == 200

    clock.advance(15 * 60 + 1)  # idle longer than a session lives
    assert client.get("/api/v1/me").status_code == 401


def test_a_fresh_token_is_not_reissued_on_every_request(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    answer = client.get("/api/v1/me")
    assert "set-cookie" not in answer.headers


def test_renewal_stops_at_the_absolute_maximum(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    signed_in_at = clock.now()
    session = client.get("/api/v1/me").json()["session"]
    while clock.now() + 14 * 60 < signed_in_at + 12 * 3600:
        clock.advance(14 * 60)
        answer = client.get("/api/v1/me")
        assert answer.status_code == 200
        session = answer.json()["session"]
        assert session["expires_at"] <= session["absolute_expires_at"]

    clock.advance(signed_in_at + 12 * 3600 - clock.now() + 1)

    assert client.get("/api/v1/me").status_code == 401
