"""A person changes their own password (others sessions end, this one stays) and renews recovery codes."""

from __future__ import annotations

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import open_client
from ..flows import Person, first_sign_in, password_step, sign_in

NEWER_PASSWORD = "amber tortoise harbour 1848"


def test_a_password_change_needs_the_current_one_and_ends_only_the_other_sessions(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    with open_client(settings, clock) as elsewhere:
        sign_in(elsewhere, admin, clock)
        body = {"current_password": admin.password, "new_password": NEWER_PASSWORD}

        wrong = client.post("/api/v1/me/password", json={**body, "current_password": "not my password at all"})
        weak = client.post("/api/v1/me/password", json={**body, "new_password": "password1234"})
        changed = client.post("/api/v1/me/password", json=body)

        assert [error["field"] for error in wrong.json()["errors"]] == ["current_password"]
        assert [error["field"] for error in weak.json()["errors"]] == ["new_password"]
        assert changed.status_code == 204
        assert client.get("/api/v1/me").status_code == 200
        assert elsewhere.get("/api/v1/me").status_code == 401
    admin.password = NEWER_PASSWORD
    assert password_step(client, admin)


def test_new_recovery_codes_need_a_totp_code_and_replace_the_old_ones(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    old_codes = admin.recovery_codes
    clock.advance(30)

    refused = client.post("/api/v1/me/recovery-codes", json={"code": "000000"})
    renewed = client.post("/api/v1/me/recovery-codes", json={"code": admin.code(clock)})

    assert refused.status_code == 401
    assert renewed.status_code == 200 and renewed.headers["cache-control"] == "no-store"
    new_codes = renewed.json()["recovery_codes"]
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.post("/api/v1/auth/logout")
    challenge = password_step(client, admin)
    old = client.post("/api/v1/auth/mfa", json={"challenge": challenge, "recovery_code": old_codes[0]})
    assert old.status_code == 401
    new = client.post("/api/v1/auth/mfa", json={"challenge": challenge, "recovery_code": new_codes[0]})
    assert new.status_code == 200


def test_platform_admins_read_the_security_rules_in_force(
    client: TestClient, admin: Person, settings: Settings, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    policy = client.get("/api/v1/security-policy").json()
    assert policy["password_min_length"] == settings.password_min_length
    assert policy["lockout_failures"] == settings.lockout_failures
    assert policy["session_max_hours"] == settings.session_max_hours
    assert policy["mfa_required"] is True
