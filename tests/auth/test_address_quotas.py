"""A third party cannot use up someone else's quota of reset links or account requests from one address."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import make_settings
from ..flows import Person
from ..mailbox import mails_to
from .clients import OWNER_IP, STRANGER_IP, client_from


@pytest.fixture
def settings(stack: EmbeddedStack) -> Settings:
    return make_settings(stack, trust_proxy_headers=True)


@pytest.fixture
def owner(settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    yield from client_from(settings, clock, OWNER_IP)


@pytest.fixture
def stranger(settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    yield from client_from(settings, clock, STRANGER_IP)


def _ask_reset(client: TestClient, username: str) -> int:
    return client.post("/api/v1/auth/password-reset/ask", json={"username": username}).status_code


def _wait_for_mails(stack: EmbeddedStack, to: str, since: float, count: int, timeout: float = 10.0) -> int:
    """How many reset mails reached `to` after `since`, once there are `count` (or the time is up)."""
    deadline = time.monotonic() + timeout
    while True:
        found = len(mails_to(stack, to, "Reset your Coffer password", since))
        if found >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_a_strangers_reset_requests_do_not_use_up_the_owners_links(
    owner: TestClient, stranger: TestClient, admin: Person, stack: EmbeddedStack
) -> None:
    since = time.time() - 1
    assert [_ask_reset(stranger, admin.username) for _ in range(6)] == [202] * 6
    strangers = _wait_for_mails(stack, "admin@example.com", since, 3)

    assert _ask_reset(owner, admin.username) == 202

    assert strangers == 3
    assert _wait_for_mails(stack, "admin@example.com", since, 4) == 4


def _request_form(email: str) -> dict[str, object]:
    name = "Initech" + uuid.uuid4().hex[:6]
    return {
        "organisation": "Initech Ltd",
        "account_name": name,
        "contact_name": "Peter",
        "contact_email": email,
        "expected_capacity_gib": 50,
        "message": "For our TPS reports.",
    }


def test_a_strangers_account_requests_do_not_use_up_the_owners_quota(owner: TestClient, stranger: TestClient) -> None:
    email = f"peter@{uuid.uuid4().hex[:8]}.example.com"
    strangers = [stranger.post("/api/v1/account-requests", json=_request_form(email)).status_code for _ in range(4)]

    answer = owner.post("/api/v1/account-requests", json=_request_form(email))

    assert strangers == [202, 202, 202, 429]
    assert answer.status_code == 202, answer.text
