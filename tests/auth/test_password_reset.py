"""Forgot password: the same answer for every name, a single-use 30-minute link, TOTP still required."""

from __future__ import annotations

import time

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import open_client
from ..flows import Person, first_sign_in, password_step
from ..mailbox import confirmation_token, wait_for_mail

NEWER_PASSWORD = "quiet meadow copper violin 77"


def reset_token(stack: EmbeddedStack, since: float) -> str:
    return confirmation_token(wait_for_mail(stack, "admin@example.com", "Reset your Coffer password", since=since))


def ask(client: TestClient, username: str) -> tuple[int, str]:
    answer = client.post("/api/v1/auth/password-reset/ask", json={"username": username})
    return answer.status_code, answer.json()["detail"]


def test_known_and_unknown_names_get_the_same_answer_and_only_the_known_one_a_mail(
    client: TestClient, admin: Person, stack: EmbeddedStack
) -> None:
    assert ask(client, "nobody-here") == ask(client, "admin")
    assert "token=" in wait_for_mail(stack, "admin@example.com", "Reset your Coffer password")


def test_the_link_sets_a_new_password_only_with_the_totp_code_and_only_once(
    client: TestClient, admin: Person, stack: EmbeddedStack, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    asked_at = time.time()
    ask(client, "admin")
    token = reset_token(stack, asked_at)
    with open_client(settings, clock) as visitor:
        info = visitor.post("/api/v1/auth/password-reset/inspect", json={"token": token}).json()
        assert info == {"username": "admin", "mfa_required": True}
        body = {"token": token, "new_password": NEWER_PASSWORD}

        assert visitor.post("/api/v1/auth/password-reset", json=body).status_code == 401
        weak = visitor.post("/api/v1/auth/password-reset", json={**body, "new_password": "password1234"})
        assert weak.status_code == 422
        clock.advance(30)
        assert visitor.post("/api/v1/auth/password-reset", json={**body, "code": admin.code(clock)}).status_code == 204
        clock.advance(30)
        reused = visitor.post("/api/v1/auth/password-reset", json={**body, "code": admin.code(clock)})
        assert reused.status_code == 410

        assert client.get("/api/v1/me").status_code == 401  # the other session ended
        old = visitor.post("/api/v1/auth/login", json={"username": "admin", "password": admin.password})
        assert old.status_code == 401
        admin.password = NEWER_PASSWORD
        assert password_step(visitor, admin)  # the new password leads on to the TOTP step


def test_a_link_is_void_once_the_password_changed_otherwise(
    client: TestClient, admin: Person, stack: EmbeddedStack, clock: FixedClock
) -> None:
    asked_at = time.time()
    ask(client, "admin")
    token = reset_token(stack, asked_at)
    first_sign_in(client, admin, clock)  # the first sign-in changes the password

    assert client.post("/api/v1/auth/password-reset/inspect", json={"token": token}).status_code == 410


def test_asking_is_rate_limited_per_address(client: TestClient) -> None:
    statuses = [ask(client, f"someone{number}")[0] for number in range(11)]
    assert statuses == [202] * 10 + [429]
