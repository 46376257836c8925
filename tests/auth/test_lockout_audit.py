"""A lockout is audited wherever its failures happened: sign-in, step-up, profile and password reset."""

from __future__ import annotations

import asyncio
import time

from starlette.testclient import TestClient

from coffer.app import connected_services
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.users import UserStore
from coffer.verification.failures import WrongCurrentPassword
from coffer.verification.regulation import Locked
from coffer.verification.step_up import StepUp

from ..flows import NEW_PASSWORD, Person, first_sign_in
from ..mailbox import confirmation_token, wait_for_mail


def _lockouts(settings: Settings) -> list[dict[str, str]]:
    async def latest() -> list[dict[str, str]]:
        async with connected_services(settings) as services:
            return [event for event in await services.auditor.latest(500) if event["action"] == "auth.lockout"]

    return asyncio.run(latest())


def test_failed_password_changes_that_lock_are_audited_as_a_lockout(
    client: TestClient, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    body = {"current_password": "not my password at all", "new_password": "a brand new long passphrase 42"}
    answers = [client.post("/api/v1/me/password", json=body).status_code for _ in range(6)]

    assert answers[-1] == 429
    (lockout,) = _lockouts(settings)
    assert lockout["actor"] == admin.username
    assert "auth.password_change" in lockout["detail"] and "one known device" in lockout["detail"]


def test_wrong_codes_for_new_recovery_codes_that_lock_are_audited(
    client: TestClient, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    for _ in range(5):
        client.post("/api/v1/me/recovery-codes", json={"code": "000000"})

    (lockout,) = _lockouts(settings)
    assert "auth.recovery_codes" in lockout["detail"]


def test_failed_step_ups_that_lock_are_audited(settings: Settings, admin: Person) -> None:
    async def guess() -> list[str]:
        async with connected_services(settings) as services:
            user = await UserStore(services.redis).get_by_username(admin.username)
            assert user is not None
            outcomes = []
            for _ in range(6):
                try:
                    await services.get(StepUp).confirm(user, None, "wrong password", "key.create", "192.0.2.1")
                except WrongCurrentPassword:
                    outcomes.append("wrong")
                except Locked:
                    outcomes.append("locked")
            return outcomes

    assert asyncio.run(guess()) == ["wrong"] * 5 + ["locked"]
    (lockout,) = _lockouts(settings)
    assert "auth.step_up" in lockout["detail"] and "without a device cookie" in lockout["detail"]


def test_wrong_codes_on_a_reset_link_that_lock_are_audited(
    client: TestClient, settings: Settings, admin: Person, stack: EmbeddedStack, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    asked_at = time.time()
    client.post("/api/v1/auth/password-reset/ask", json={"username": admin.username})
    token = confirmation_token(wait_for_mail(stack, "admin@example.com", "Reset your Coffer password", since=asked_at))
    body = {"token": token, "new_password": NEW_PASSWORD + " again", "code": "000000"}
    for _ in range(5):
        client.post("/api/v1/auth/password-reset", json=body)

    (lockout,) = _lockouts(settings)
    assert "auth.password_reset" in lockout["detail"]


def test_a_sign_in_lockout_says_whom_it_locks(client: TestClient, settings: Settings, admin: Person) -> None:
    for _ in range(5):
        client.post("/api/v1/auth/login", json={"username": admin.username, "password": "not the password"})

    (lockout,) = _lockouts(settings)
    assert lockout["detail"] == "auth.sign_in.password failures; locked: clients without a device cookie"
