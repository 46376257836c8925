"""Two BFF instances on one Redis are interchangeable: each accepts and revokes the other's sessions."""

from __future__ import annotations

from coffer.clock import FixedClock
from coffer.settings import Settings

from .conftest import open_client
from .flows import Person, first_sign_in, password_step, post

COOKIE = "__Host-coffer_session"


def test_a_session_from_one_instance_works_on_the_other_and_sign_out_is_shared(
    settings: Settings, admin: Person, clock: FixedClock
) -> None:
    with open_client(settings, clock) as first, open_client(settings, clock) as second:
        first_sign_in(first, admin, clock)
        token = first.cookies.get(COOKIE) or ""
        second.cookies.set(COOKIE, token)
        assert second.get("/api/v1/me").json()["username"] == admin.username

        assert second.post("/api/v1/auth/logout").status_code == 204

        assert first.get("/api/v1/me").status_code == 401


def test_sign_in_steps_may_hop_between_instances(settings: Settings, admin: Person, clock: FixedClock) -> None:
    with open_client(settings, clock) as first, open_client(settings, clock) as second:
        first_sign_in(first, admin, clock)
        challenge = password_step(first, admin)
        clock.advance(30)
        post(second, "/api/v1/auth/mfa", {"challenge": challenge, "code": admin.code(clock)})
        assert second.get("/api/v1/me").status_code == 200
        # the code was spent on the second instance: the first refuses it
        again = first.post(
            "/api/v1/auth/mfa", json={"challenge": password_step(first, admin), "code": admin.code(clock)}
        )
        assert again.status_code == 401
