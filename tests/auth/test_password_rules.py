"""The password rules the API announces (public, for forms without a session) are the ones it enforces."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import create_platform_admin, make_settings, open_client
from ..flows import Person, first_sign_in, post

MIN_LENGTH = 20  # not the default 12, so a rule taken from anywhere but the setting shows
# zxcvbn rates every cut of it from 16 characters on 4 of 4: below, only its length is judged.
PHRASE = "violet submarine orchestra 42 lanterns"


@pytest.fixture
def strict_settings(stack: EmbeddedStack) -> Settings:
    return make_settings(stack, password_min_length=MIN_LENGTH)


@pytest.fixture
def strict_client(strict_settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(strict_settings, clock) as client:
        yield client


def announced_min_length(client: TestClient) -> int:
    answer = client.get("/api/v1/password-rules")
    assert answer.status_code == 200, answer.text
    min_length: int = answer.json()["min_length"]
    return min_length


def assert_refused_as_weak(client: TestClient, path: str, body: dict[str, str]) -> None:
    answer = client.post(path, json=body)
    assert answer.status_code == 422, answer.text
    assert answer.json()["type"].endswith("/weak-password")
    assert [error["field"] for error in answer.json()["errors"]] == ["new_password"]


def test_the_rules_are_read_without_a_session_and_follow_the_setting(strict_client: TestClient) -> None:
    assert not strict_client.cookies
    assert announced_min_length(strict_client) == MIN_LENGTH


def test_a_first_password_one_shorter_than_announced_is_refused_and_one_of_the_minimum_accepted(
    strict_client: TestClient, strict_settings: Settings
) -> None:
    created = create_platform_admin(strict_settings)
    minimum = announced_min_length(strict_client)
    step = post(strict_client, "/api/v1/auth/login", {"username": "admin", "password": created.one_time_password})
    challenge = step["challenge"]

    short = {"challenge": challenge, "new_password": PHRASE[: minimum - 1]}
    assert_refused_as_weak(strict_client, "/api/v1/auth/password", short)
    exact = post(strict_client, "/api/v1/auth/password", {"challenge": challenge, "new_password": PHRASE[:minimum]})
    assert exact["step"] == "enroll_mfa"


def test_an_own_password_one_shorter_than_announced_is_refused_and_one_of_the_minimum_accepted(
    strict_client: TestClient, strict_settings: Settings, clock: FixedClock
) -> None:
    created = create_platform_admin(strict_settings)
    admin = Person(created.user.username, created.one_time_password)
    first_sign_in(strict_client, admin, clock)
    minimum = announced_min_length(strict_client)
    current = {"current_password": admin.password}

    assert_refused_as_weak(strict_client, "/api/v1/me/password", {**current, "new_password": PHRASE[: minimum - 1]})
    exact = strict_client.post("/api/v1/me/password", json={**current, "new_password": PHRASE[:minimum]})
    assert exact.status_code == 204, exact.text
