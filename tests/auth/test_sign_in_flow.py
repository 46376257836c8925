"""The sign-in journey over HTTP, against real Redis and real SeaweedFS."""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from starlette.testclient import TestClient

from coffer.app import connected_services
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.users import UserStore

from ..conftest import make_settings, open_client
from ..flows import Person, first_sign_in, password_step, post, sign_in


def test_first_sign_in_changes_password_enrolls_totp_and_opens_a_session(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    signed_in = first_sign_in(client, admin, clock)

    assert signed_in["me"]["username"] == "admin"
    assert signed_in["me"]["role"] == "platform-admin"
    assert len(signed_in["recovery_codes"]) == 10
    me = client.get("/api/v1/me").json()
    assert me["username"] == "admin"
    assert me["session"]["expires_at"] < me["session"]["absolute_expires_at"]


def test_session_cookie_is_host_prefixed_httponly_secure_strict(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    step = post(client, "/api/v1/auth/login", {"username": admin.username, "password": admin.password})
    step = post(
        client,
        "/api/v1/auth/password",
        {"challenge": step["challenge"], "new_password": "correct horse battery staple lantern"},
    )
    enrollment = post(client, "/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})
    admin.totp_secret = enrollment["secret"]
    answer = client.post(
        "/api/v1/auth/mfa/enrollment/confirm", json={"challenge": step["challenge"], "code": admin.code(clock)}
    )

    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("__Host-coffer_session=")
    for flag in ("HttpOnly", "Secure", "SameSite=strict", "Path=/"):
        assert flag.lower() in cookie.lower()
    assert "Domain" not in cookie
    assert "coffer_session" not in answer.text


def test_the_enrollment_answer_holds_a_qr_code_and_the_secret(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    step = post(client, "/api/v1/auth/login", {"username": admin.username, "password": admin.password})
    step = post(
        client,
        "/api/v1/auth/password",
        {"challenge": step["challenge"], "new_password": "correct horse battery staple lantern"},
    )
    enrollment = post(client, "/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})

    assert enrollment["qr_svg"].lstrip().startswith("<?xml") or "<svg" in enrollment["qr_svg"]
    assert enrollment["otpauth_uri"].startswith("otpauth://totp/")
    assert f"secret={enrollment['secret']}" in enrollment["otpauth_uri"]


def test_replayed_totp_code_is_refused(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    clock.advance(30)
    code = admin.code(clock)
    post(client, "/api/v1/auth/mfa", {"challenge": password_step(client, admin), "code": code})

    replay = client.post("/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "code": code})

    assert replay.status_code == 401
    assert replay.json()["type"].endswith("/invalid-code")


def test_the_enrollment_code_cannot_be_replayed_at_the_next_sign_in(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    replay = client.post(
        "/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "code": admin.code(clock)}
    )
    assert replay.status_code == 401


def test_a_code_from_two_steps_ago_is_refused(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    clock.advance(90)
    old = admin.code(FixedClock(clock.now() - 60))
    answer = client.post("/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "code": old})
    assert answer.status_code == 401


def test_an_older_steps_code_is_refused_once_a_newer_step_was_used(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    """Within the drift window, the code of step N-1 is no longer good once step N's code was used."""
    first_sign_in(client, admin, clock)
    clock.advance(60)
    post(client, "/api/v1/auth/mfa", {"challenge": password_step(client, admin), "code": admin.code(clock)})
    older = admin.code(FixedClock(clock.now() - 30))

    answer = client.post("/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "code": older})

    assert answer.status_code == 401
    assert answer.json()["type"].endswith("/invalid-code")


def test_recovery_code_works_once(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    code = admin.recovery_codes[0]

    first = client.post("/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "recovery_code": code})
    second = client.post("/api/v1/auth/mfa", json={"challenge": password_step(client, admin), "recovery_code": code})

    assert first.status_code == 200
    assert second.status_code == 401


def test_challenge_token_is_single_use(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    challenge = password_step(client, admin)
    clock.advance(30)
    post(client, "/api/v1/auth/mfa", {"challenge": challenge, "code": admin.code(clock)})
    clock.advance(30)

    again = client.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": admin.code(clock)})

    assert again.status_code == 401
    assert again.json()["type"].endswith("/invalid-challenge")


def test_challenge_expires_after_five_minutes(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    challenge = password_step(client, admin)
    clock.advance(301)
    answer = client.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": admin.code(clock)})
    assert answer.status_code == 401
    assert answer.json()["type"].endswith("/invalid-challenge")


def test_challenge_token_is_not_a_session(client: TestClient, admin: Person, clock: FixedClock) -> None:
    step = post(client, "/api/v1/auth/login", {"username": admin.username, "password": admin.password})
    client.cookies.clear()
    client.cookies.set("__Host-coffer_session", step["challenge"])
    assert client.get("/api/v1/me").status_code == 401


def test_a_step_cannot_be_skipped(client: TestClient, admin: Person, clock: FixedClock) -> None:
    step = post(client, "/api/v1/auth/login", {"username": admin.username, "password": admin.password})
    assert step["step"] == "change_password"
    skipped = client.post("/api/v1/auth/mfa/enrollment", json={"challenge": step["challenge"]})
    assert skipped.status_code == 401


def test_weak_and_short_passwords_are_refused_with_a_reason(
    client: TestClient, admin: Person, clock: FixedClock
) -> None:
    step = post(client, "/api/v1/auth/login", {"username": admin.username, "password": admin.password})
    for weak in ("short", "password1234", "adminadminadmin"):
        answer = client.post("/api/v1/auth/password", json={"challenge": step["challenge"], "new_password": weak})
        assert answer.status_code == 422, weak
        problem = answer.json()
        assert problem["type"].endswith("/weak-password")
        assert problem["errors"][0]["field"] == "new_password"
    # nothing was lost: the same challenge still works
    post(
        client,
        "/api/v1/auth/password",
        {"challenge": step["challenge"], "new_password": "correct horse battery staple lantern"},
    )


def test_sign_out_ends_the_session(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    token = client.cookies.get("__Host-coffer_session")
    assert client.post("/api/v1/auth/logout").status_code == 204

    client.cookies.clear()
    client.cookies.set("__Host-coffer_session", token or "")
    answer = client.get("/api/v1/me")
    assert answer.status_code == 401
    assert answer.json()["type"].endswith("/session-expired")


def test_sign_out_everywhere_ends_every_session(
    client: TestClient, settings: object, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(client, admin, clock)
    other_token = client.cookies.get("__Host-coffer_session")
    sign_in(client, admin, clock)

    assert client.post("/api/v1/auth/logout-all").status_code == 204

    client.cookies.clear()
    client.cookies.set("__Host-coffer_session", other_token or "")
    assert client.get("/api/v1/me").status_code == 401


def test_sign_in_is_audited(client: TestClient, admin: Person, clock: FixedClock) -> None:
    first_sign_in(client, admin, clock)
    client.post("/api/v1/auth/login", json={"username": "admin", "password": "wrong password!"})
    client.post("/api/v1/auth/logout")
    sign_in(client, admin, clock)

    events = client.get("/api/v1/audit", params={"actor": "admin", "action": "auth."}).json()["items"]
    actions = [event["action"] + ":" + event["result"] for event in events]

    assert actions[::-1] == [
        "auth.sign_in.password:success",
        "auth.password_change:success",
        "auth.mfa.enroll:success",
        "auth.sign_in:success",
        "auth.sign_in.password:failure",
        "auth.sign_out:success",
        "auth.sign_in.password:success",
        "auth.mfa.verify:success",
        "auth.sign_in:success",
    ]


def test_a_password_hashed_with_other_argon2_parameters_is_hashed_again_at_sign_in(
    stack: EmbeddedStack, admin: Person, clock: FixedClock
) -> None:
    """Raising the costs reaches each person at their next sign-in; the password goes on working."""
    stronger = make_settings(stack, argon2_time_cost=2)
    with open_client(stronger, clock) as client:
        first_sign_in(client, admin, clock)  # the new password is hashed with t=2 here already
        asyncio.run(_set_hash_of(stronger, admin, time_cost=1))
        assert "t=1" in asyncio.run(_hash_of(stronger, admin))

        password_step(client, admin)

        assert "t=2" in asyncio.run(_hash_of(stronger, admin))
        assert password_step(client, admin)


async def _hash_of(settings: Settings, person: Person) -> str:
    async with connected_services(settings) as services:
        user = await UserStore(services.redis).get_by_username(person.username)
        assert user is not None
        return user.password_hash


async def _set_hash_of(settings: Settings, person: Person, time_cost: int) -> None:
    weaker = PasswordHasher(time_cost=time_cost, memory_cost=settings.argon2_memory_kib, parallelism=2)
    async with connected_services(settings) as services:
        user = await UserStore(services.redis).get_by_username(person.username)
        assert user is not None
        await UserStore(services.redis).update(user.id, password_hash=weaker.hash(person.password))
