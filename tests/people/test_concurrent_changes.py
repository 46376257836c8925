"""No lost updates: a slow change and an admin's change made at the same time both stick.

Each test holds the slow request at its slow point (the STS round trip, the argon2 run, the quota
check) on one app instance while the admin's request runs on another, then lets it finish. The
pause is the only thing not real here: a real storage system or argon2 run cannot be made slow on demand.
"""

from __future__ import annotations

from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider
from coffer.verification.passwords import Passwords

from ..conftest import open_client
from ..flows import NEW_PASSWORD, first_sign_in, password_step
from .conftest import Team
from .pauses import Pause, SlowSts, client_with


def test_a_person_disabled_while_their_sign_in_waits_for_sts_stays_disabled(team: Team, pause: Pause) -> None:
    member = team.invite("sven")
    _, sven = team.signed_in(member)
    slow = client_with(team.settings, team, lambda settings: SlowSts(build_provider(settings), pause))
    challenge = password_step(slow, sven)
    team.clock.advance(30)

    signed_in = pause.run_while_held(
        lambda: slow.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": sven.code(team.clock)}),
        lambda: team.admin.post(f"{team.base}/{member['id']}/disable").raise_for_status(),
    )

    person = team.admin.get(f"{team.base}/{member['id']}").json()
    assert person["enabled"] is False
    assert signed_in.status_code != 200 or slow.get("/api/v1/me").status_code == 401


def test_a_role_change_during_a_password_change_sticks(
    team: Team, pause: Pause, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = team.invite("tove")
    client, tove = team.signed_in(member)
    real_hash = Passwords.hash

    def slow_hash(self: Passwords, password: str) -> str:
        if password == "a new and quite long passphrase 42":
            pause.hold()
        return real_hash(self, password)

    monkeypatch.setattr(Passwords, "hash", slow_hash)
    changed = pause.run_while_held(
        lambda: client.post(
            "/api/v1/me/password",
            json={"current_password": NEW_PASSWORD, "new_password": "a new and quite long passphrase 42"},
        ),
        lambda: team.admin.post(f"{team.base}/{member['id']}/role", json={"role": "account-admin"}).raise_for_status(),
    )

    assert changed.status_code == 204, changed.text
    assert team.admin.get(f"{team.base}/{member['id']}").json()["role"] == "account-admin"
    assert client.get("/api/v1/me").json()["role"] == "account-admin"
    tove.password = "a new and quite long passphrase 42"
    with open_client(team.settings, team.clock) as elsewhere:
        assert password_step(elsewhere, tove)


@pytest.fixture
def staff_client(team: Team, admin: Any) -> TestClient:
    client = client_with(team.settings, team)
    first_sign_in(client, admin, team.clock)
    return client


def test_a_disable_during_a_quota_change_sticks(
    team: Team, pause: Pause, staff_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coffer.quotas import service as quotas

    real_check = quotas._check_thresholds

    def slow_check(warning: int, critical: int) -> None:
        pause.hold()  # the quota change has read the account and is about to write it
        real_check(warning, critical)

    monkeypatch.setattr(quotas, "_check_thresholds", slow_check)
    other_staff = client_with(team.settings, team)
    other_staff.cookies = staff_client.cookies

    quota = pause.run_while_held(
        lambda: staff_client.put(
            f"/api/v1/accounts/{team.account_id}/quota",
            json={"quota_bytes": 50 * 2**30, "quota_objects": None, "warning_percent": 80, "critical_percent": 90},
        ),
        lambda: other_staff.post(f"/api/v1/accounts/{team.account_id}/disable").raise_for_status(),
    )

    assert quota.status_code == 200, quota.text
    account = other_staff.get(f"/api/v1/accounts/{team.account_id}").json()
    assert account["status"] == "disabled"
    assert account["quota_bytes"] == 50 * 2**30
    listed = other_staff.get("/api/v1/accounts", params={"status": "active"}).json()["items"]
    assert team.account_id not in [item["id"] for item in listed]
