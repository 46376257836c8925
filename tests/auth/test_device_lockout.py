"""Nobody can lock anyone else out: failures lock the pair (username, client), not the username.

A browser where the person once signed in carries a device cookie (OWASP "device cookies"); strangers'
failures lock only the clients without one, so the owner's known device keeps working.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import create_platform_admin, make_settings, open_client
from ..flows import Person, first_sign_in, password_step, sign_in
from .clients import OWNER_IP, STRANGER_IP, client_from

DEVICE_COOKIE = "__Host-coffer_device"


@pytest.fixture
def settings(stack: EmbeddedStack) -> Settings:
    # Behind the deployment's own nginx: each client below has its own address.
    return make_settings(stack, trust_proxy_headers=True)


@pytest.fixture
def owner_device(settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    yield from client_from(settings, clock, OWNER_IP)


@pytest.fixture
def stranger(settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    yield from client_from(settings, clock, STRANGER_IP)


def _guess_passwords(client: TestClient, username: str, times: int) -> list[int]:
    return [
        client.post("/api/v1/auth/login", json={"username": username, "password": f"guess {n}"}).status_code
        for n in range(times)
    ]


def test_a_strangers_fifty_wrong_passwords_do_not_stop_the_owner_on_a_known_device(
    owner_device: TestClient, stranger: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(owner_device, admin, clock)

    answers = _guess_passwords(stranger, admin.username, 50)

    assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
    assert sign_in(owner_device, admin, clock)["me"]["username"] == admin.username


def test_a_strangers_wrong_passwords_lock_out_the_stranger_even_with_the_right_password(
    owner_device: TestClient, stranger: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(owner_device, admin, clock)
    _guess_passwords(stranger, admin.username, 50)
    clock.advance(61)  # past the per-IP limit's minute; the lock lasts 15

    locked = stranger.post("/api/v1/auth/login", json={"username": admin.username, "password": admin.password})

    assert locked.status_code == 429
    assert str(locked.json()["type"]).endswith("/locked")


def test_guessing_totp_codes_without_a_known_device_ends_in_a_lock_for_that_client(
    owner_device: TestClient, stranger: TestClient, admin: Person, clock: FixedClock
) -> None:
    """Someone who has the password but not the authenticator is stopped; the owner is not."""
    first_sign_in(owner_device, admin, clock)
    challenge = password_step(stranger, admin)
    answers = [
        stranger.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": f"{n:06d}"}).status_code
        for n in range(5)
    ]
    clock.advance(30)

    locked = stranger.post("/api/v1/auth/mfa", json={"challenge": challenge, "code": admin.code(clock)})

    assert answers == [401] * 5
    assert locked.status_code == 429
    assert sign_in(owner_device, admin, clock)["me"]["username"] == admin.username


def test_guessing_codes_on_a_known_device_locks_that_device(
    owner_device: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(owner_device, admin, clock)
    for _ in range(5):
        wrong = owner_device.post(
            "/api/v1/auth/mfa", json={"challenge": password_step(owner_device, admin), "code": "000000"}
        )
        assert wrong.status_code == 401
    clock.advance(30)

    locked = owner_device.post("/api/v1/auth/login", json={"username": admin.username, "password": admin.password})

    assert locked.status_code == 429


def test_the_device_cookie_is_host_only_secure_http_only_and_strict(
    owner_device: TestClient, admin: Person, clock: FixedClock
) -> None:
    step = owner_device.post("/api/v1/auth/login", json={"username": admin.username, "password": admin.password})
    assert DEVICE_COOKIE not in step.headers.get("set-cookie", ""), "a password alone earns no device cookie"

    first_sign_in(owner_device, admin, clock)

    cookie = owner_device.cookies.get(DEVICE_COOKIE)
    assert cookie
    signed_in = owner_device.post("/api/v1/auth/logout")
    assert signed_in.status_code == 204
    assert owner_device.cookies.get(DEVICE_COOKIE) == cookie, "signing out keeps the device known"


def test_the_device_cookie_is_set_with_its_flags_and_a_long_life(
    owner_device: TestClient, admin: Person, clock: FixedClock
) -> None:
    step = owner_device.post("/api/v1/auth/login", json={"username": admin.username, "password": admin.password})
    step = owner_device.post(
        "/api/v1/auth/password",
        json={"challenge": step.json()["challenge"], "new_password": "correct horse battery staple lantern"},
    )
    admin.password = "correct horse battery staple lantern"
    enrollment = owner_device.post("/api/v1/auth/mfa/enrollment", json={"challenge": step.json()["challenge"]})
    admin.totp_secret = enrollment.json()["secret"]
    opened = owner_device.post(
        "/api/v1/auth/mfa/enrollment/confirm", json={"challenge": step.json()["challenge"], "code": admin.code(clock)}
    )

    headers = [value for name, value in opened.headers.multi_items() if name == "set-cookie"]
    device = next(value for value in headers if value.startswith(DEVICE_COOKIE + "="))
    flags = {part.strip().split("=")[0].lower(): part.strip() for part in device.split(";")[1:]}
    assert {"httponly", "secure", "samesite", "path", "max-age"} <= set(flags)
    assert flags["samesite"].lower() == "samesite=strict"
    assert flags["path"] == "Path=/"
    assert "domain" not in flags
    assert int(flags["max-age"].split("=")[1]) >= 90 * 86_400


def test_a_device_cookie_of_another_person_does_not_make_a_client_known(
    settings: Settings, owner_device: TestClient, stranger: TestClient, admin: Person, clock: FixedClock
) -> None:
    """Mallory signs in as herself and carries her own device cookie while guessing the admin's password."""
    created = create_platform_admin(settings, "mallory")
    mallory = Person(created.user.username, created.one_time_password)
    first_sign_in(owner_device, admin, clock)
    first_sign_in(stranger, mallory, clock)

    answers = _guess_passwords(stranger, admin.username, 8)

    assert answers[:5] == [401] * 5 and set(answers[5:]) == {429}
    assert sign_in(owner_device, admin, clock)["me"]["username"] == admin.username


def test_a_forged_or_copied_device_cookie_counts_as_no_device(
    owner_device: TestClient, stranger: TestClient, admin: Person, clock: FixedClock
) -> None:
    first_sign_in(owner_device, admin, clock)
    real = owner_device.cookies[DEVICE_COOKIE]
    stranger.cookies.set(DEVICE_COOKIE, real[:-4] + ("AAAA" if not real.endswith("AAAA") else "BBBB"))

    answers = _guess_passwords(stranger, admin.username, 6)

    assert answers == [401] * 5 + [429]


def test_unlocking_lifts_the_lock_of_strangers_and_of_devices(
    settings: Settings, owner_device: TestClient, stranger: TestClient, admin: Person, clock: FixedClock
) -> None:
    created = create_platform_admin(settings, "second-admin")
    helper = Person(created.user.username, created.one_time_password)
    first_sign_in(owner_device, admin, clock)
    _guess_passwords(stranger, admin.username, 5)
    _guess_passwords(owner_device, admin.username, 5)
    with open_client(settings, clock) as admin_console:
        admin_console.headers["X-Forwarded-For"] = "192.0.2.10"
        first_sign_in(admin_console, helper, clock)
        locked = admin_console.get("/api/v1/platform-users", params={"status": "locked"}).json()["items"]
        assert [person["username"] for person in locked] == [admin.username]

        unlocked = admin_console.post(f"/api/v1/platform-users/{locked[0]['id']}/unlock")

    assert unlocked.status_code == 200, unlocked.text
    assert password_step(stranger, admin)
    assert sign_in(owner_device, admin, clock)["me"]["username"] == admin.username
