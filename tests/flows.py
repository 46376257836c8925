"""A person's sign-in steps over HTTP, as the frontend takes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyotp
from starlette.testclient import TestClient

from coffer.clock import FixedClock

NEW_PASSWORD = "correct horse battery staple lantern"


@dataclass
class Person:
    username: str
    password: str
    totp_secret: str | None = None
    recovery_codes: list[str] = field(default_factory=list)

    def code(self, clock: FixedClock) -> str:
        assert self.totp_secret is not None
        return str(pyotp.TOTP(self.totp_secret).at(clock.now()))


def post(client: TestClient, path: str, body: dict[str, Any], expect: int = 200) -> dict[str, Any]:
    answer = client.post(path, json=body)
    assert answer.status_code == expect, answer.text
    return answer.json() if answer.content else {}


def first_sign_in(client: TestClient, person: Person, clock: FixedClock) -> dict[str, Any]:
    """Password, forced password change, TOTP enrollment: the journey of a new user."""
    step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
    assert step["step"] == "change_password"
    step = post(client, "/api/v1/auth/password", {"challenge": step["challenge"], "new_password": NEW_PASSWORD})
    person.password = NEW_PASSWORD
    assert step["step"] == "enroll_mfa"
    enrollment = post(client, "/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})
    person.totp_secret = enrollment["secret"]
    signed_in = post(
        client, "/api/v1/auth/mfa/enrollment/confirm", {"challenge": step["challenge"], "code": person.code(clock)}
    )
    person.recovery_codes = signed_in["recovery_codes"]
    return signed_in


def password_step(client: TestClient, person: Person) -> str:
    step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
    assert step["step"] == "mfa"
    return str(step["challenge"])


def sign_in(client: TestClient, person: Person, clock: FixedClock) -> dict[str, Any]:
    """A returning user: password then a fresh TOTP code (the clock moves to the next step first)."""
    challenge = password_step(client, person)
    clock.advance(30)
    return post(client, "/api/v1/auth/mfa", {"challenge": challenge, "code": person.code(clock)})


def first_sign_in_without_mfa(client: TestClient, person: Person) -> dict[str, Any]:
    """A new user where MFA is optional: password, forced password change, then "set up later"."""
    step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
    step = post(client, "/api/v1/auth/password", {"challenge": step["challenge"], "new_password": NEW_PASSWORD})
    person.password = NEW_PASSWORD
    assert (step["step"], step["mfa_optional"]) == ("enroll_mfa", True)
    return post(client, "/api/v1/auth/mfa/enrollment/skip", {"challenge": step["challenge"]})
