"""Break glass: an operator with the deployment's settings recovers a locked-out or lost platform admin."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from pathlib import Path

from starlette.testclient import TestClient

from coffer.app import connected_services
from coffer.clock import FixedClock
from coffer.settings import Settings

from .conftest import cli_environment, open_client
from .flows import NEW_PASSWORD, Person, first_sign_in, password_step, post, sign_in

COFFER = Path(sys.executable).parent / "coffer"


def _coffer(settings: Settings, *arguments: str) -> subprocess.CompletedProcess[str]:
    """The real command, as an operator runs it in a shell holding the deployment's COFFER_ variables."""
    environment = {"PATH": os.environ["PATH"], **cli_environment(settings)}
    return subprocess.run(
        [str(COFFER), *arguments], env=environment, capture_output=True, text=True, timeout=120, check=False
    )


def _audited(settings: Settings, action: str) -> list[dict[str, str]]:
    async def latest() -> list[dict[str, str]]:
        async with connected_services(settings) as services:
            return [event for event in await services.auditor.latest(200) if event["action"] == action]

    return asyncio.run(latest())


def _lock_out(client: TestClient, username: str) -> None:
    for n in range(5):
        client.post("/api/v1/auth/login", json={"username": username, "password": f"wrong guess {n}"})
    refused = client.post("/api/v1/auth/login", json={"username": username, "password": "wrong guess"})
    assert refused.status_code == 429


def test_reset_password_prints_a_one_time_password_that_signs_in_and_ends_every_session(
    client: TestClient, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    with open_client(settings, clock) as stranger:
        _lock_out(stranger, admin.username)
        _lock_out(client, admin.username)  # the admin's own browser too: every admin is locked out

        result = _coffer(settings, "users", "reset-password", admin.username)

        assert result.returncode == 0, result.stderr
        password = re.findall(r"^\s{4}(\S+)\s*$", result.stdout, re.MULTILINE)[-1]
        assert client.get("/api/v1/me").status_code == 401
        step = post(stranger, "/api/v1/auth/login", {"username": admin.username, "password": password})
        assert step["step"] == "change_password"
    events = _audited(settings, "user.reset_password")
    assert [(event["actor"], event["target"]) for event in events] == [("cli", admin.username)]


def test_unlock_lifts_the_locks_of_strangers_and_devices_and_ends_sessions(
    client: TestClient, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    with open_client(settings, clock) as other_browser:
        sign_in(other_browser, admin, clock)
        _lock_out(client, admin.username)

        result = _coffer(settings, "users", "unlock", admin.username)

        assert result.returncode == 0, result.stderr
        assert other_browser.get("/api/v1/me").status_code == 401
        assert sign_in(client, admin, clock)["me"]["username"] == admin.username
    assert [event["actor"] for event in _audited(settings, "user.unlock")] == ["cli"]


def test_reset_mfa_lets_the_person_enroll_a_new_authenticator(
    client: TestClient, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)

    result = _coffer(settings, "users", "reset-mfa", admin.username)

    assert result.returncode == 0, result.stderr
    assert client.get("/api/v1/me").status_code == 401
    step = post(client, "/api/v1/auth/login", {"username": admin.username, "password": NEW_PASSWORD})
    assert step["step"] == "enroll_mfa"
    assert [event["actor"] for event in _audited(settings, "user.reset_mfa")] == ["cli"]


def test_an_unknown_username_is_refused_naming_it(settings: Settings) -> None:
    result = _coffer(settings, "users", "unlock", "nobody-here")

    assert result.returncode == 2
    assert "nobody-here" in result.stderr


def test_the_password_step_still_needs_the_right_password_after_an_unlock(
    client: TestClient, settings: Settings, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    _lock_out(client, admin.username)
    assert _coffer(settings, "users", "unlock", admin.username).returncode == 0

    wrong = client.post("/api/v1/auth/login", json={"username": admin.username, "password": "still wrong"})

    assert wrong.status_code == 401
    assert password_step(client, admin)
