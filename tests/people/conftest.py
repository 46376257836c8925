"""A team: an account with its signed-in admin, who invites people and signs them in."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..mailbox import one_time_password, wait_for_mail
from .pauses import Pause


@dataclass
class Team:
    account_id: str
    admin: TestClient
    admin_id: str
    admin_person: Person
    settings: Settings
    stack: EmbeddedStack
    clock: FixedClock
    opened: contextlib.ExitStack

    @property
    def base(self) -> str:
        return f"/api/v1/accounts/{self.account_id}/users"

    def invite(self, username: str, role: str = "account-member") -> dict[str, Any]:
        email = f"{username}@{self.account_id}.example.com"
        answer = self.admin.post(
            self.base, json={"username": username, "display_name": username.title(), "email": email, "role": role}
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    def fresh_factor(self, person: Person | None = None) -> dict[str, str]:
        """A step-up body: the next TOTP code of the person (the admin by default), never one already spent."""
        self.clock.advance(30)
        return {"code": (person or self.admin_person).code(self.clock)}

    def signed_in(self, user: dict[str, Any]) -> tuple[TestClient, Person]:
        mail = wait_for_mail(self.stack, user["email"], "Your Coffer sign-in")
        person = Person(user["username"], one_time_password(mail))
        client = self.opened.enter_context(open_client(self.settings, self.clock))
        first_sign_in(client, person, self.clock)
        return client, person


@pytest.fixture
def team(settings: Settings, stack: EmbeddedStack, clock: FixedClock) -> Iterator[Team]:
    account_id = unique_account_id("team")
    owner = create_account_with_admin(settings, account_id, f"owner{account_id}")
    with contextlib.ExitStack() as opened:
        admin = opened.enter_context(open_client(settings, clock))
        admin_person = Person(owner.user.username, owner.one_time_password)
        first_sign_in(admin, admin_person, clock)
        yield Team(account_id, admin, owner.user.id, admin_person, settings, stack, clock, opened)


@pytest.fixture
def pause() -> Pause:
    return Pause()
