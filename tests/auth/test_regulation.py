"""Brute force is slowed by lockout and per-IP limits; users cannot be enumerated."""

from __future__ import annotations

from datetime import datetime

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack

from ..conftest import make_settings, open_client
from ..flows import Person, first_sign_in, password_step


def _login(client: TestClient, username: str, password: str) -> tuple[int, dict[str, object]]:
    answer = client.post("/api/v1/auth/login", json={"username": username, "password": password})
    return answer.status_code, answer.json()


def test_five_failures_lock_the_user_even_against_the_right_password(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    for _ in range(5):
        assert _login(client, admin.username, "not the password")[0] == 401

    status, problem = _login(client, admin.username, admin.password)

    assert status == 429
    assert str(problem["type"]).endswith("/locked")
    assert "locked until" in str(problem["detail"])
    assert "Too many failed attempts" not in str(problem["detail"])  # the title says it, once
    # when the lock ends, for the console to say in the reader's own time
    ends = datetime.fromisoformat(str(problem["until"]))
    assert abs(ends.timestamp() - (clock.now() + 15 * 60)) < 1


def test_the_lock_is_released_after_the_window(client: TestClient, admin: Person, clock: FixedClock) -> None:
    for _ in range(5):
        _login(client, admin.username, "not the password")
    clock.advance(14 * 60)
    assert _login(client, admin.username, admin.password)[0] == 429

    clock.advance(60 + 1)

    assert _login(client, admin.username, admin.password)[0] == 200


def test_failures_outside_the_window_do_not_add_up(client: TestClient, admin: Person, clock: FixedClock) -> None:
    for _ in range(4):
        _login(client, admin.username, "not the password")
    clock.advance(15 * 60 + 1)
    _login(client, admin.username, "not the password")
    assert _login(client, admin.username, admin.password)[0] == 200


def test_wrong_totp_codes_count_towards_the_lock(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    challenge = password_step(client, admin)
    for _ in range(5):
        client.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": "000000"})
    clock.advance(30)
    locked = client.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": admin.code(clock)})
    assert locked.status_code == 429


def test_knowing_the_password_buys_no_more_code_guesses(client: TestClient, admin: Person, clock: FixedClock) -> None:
    """Each guess on a fresh challenge: the right password in between must not clear the count."""
    first_sign_in(client, admin, clock)
    for _ in range(5):
        wrong = client.post("/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "code": "000000"})
        assert wrong.status_code == 401
    clock.advance(30)
    locked = client.post("/api/v1/auth/login", json={"username": admin.username, "password": admin.password})
    assert locked.status_code == 429


def test_unknown_user_and_wrong_password_answer_alike(client: TestClient, admin: Person) -> None:
    unknown = client.post("/api/v1/auth/login", json={"username": "nobody-here", "password": "whatever pass"})
    wrong = client.post("/api/v1/auth/login", json={"username": admin.username, "password": "whatever pass"})

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json() == wrong.json()
    assert unknown.headers.get("content-type") == wrong.headers.get("content-type")


def test_unknown_users_lock_like_known_ones(client: TestClient) -> None:
    for _ in range(5):
        _login(client, "nobody-here", "whatever pass")
    status, problem = _login(client, "nobody-here", "whatever pass")
    assert status == 429
    assert str(problem["type"]).endswith("/locked")


def test_one_address_is_rate_limited_across_usernames(stack: EmbeddedStack, clock: FixedClock) -> None:
    settings = make_settings(stack, ip_attempts_per_minute=3)
    with open_client(settings, clock) as client:
        for index in range(3):
            assert _login(client, f"user{index}", "whatever pass")[0] == 401
        status, problem = _login(client, "user9", "whatever pass")
        assert status == 429
        assert str(problem["type"]).endswith("/rate-limited")
        clock.advance(61)
        assert _login(client, "user9", "whatever pass")[0] == 401


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"username": "admin"},
        {"password": "x"},
        {"username": "", "password": "x"},
        {"username": 5, "password": "x"},
        {"username": "a" * 200, "password": "x"},
        {"username": "admin", "password": "x", "extra": 1},
    ],
)
def test_malformed_sign_in_is_a_validation_problem(client: TestClient, body: dict[str, object]) -> None:
    answer = client.post("/api/v1/auth/login", json=body)
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    problem = answer.json()
    assert problem["type"].endswith("/validation")
    assert problem["errors"]
