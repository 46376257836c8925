"""Real Redis and real SeaweedFS, started once per test session on free loopback ports.

Each test gets an empty Redis and a fresh app; SeaweedFS keeps its state, so tests use
unique account ids.
"""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.app import connected_services, create_app
from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.provisioning.saga import STEPS, Provisioning
from coffer.settings import Settings
from coffer.store.accounts import AccountRecord, SagaStepRecord
from coffer.store.users import Role
from coffer.users.service import CreatedUser, UserRegistry

from .flows import Person


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStack]:
    # COFFER_TEST_REDIS=cluster runs the suite on a Redis Cluster (3 primaries, 3 replicas)
    redis = "cluster" if os.environ.get("COFFER_TEST_REDIS") == "cluster" else "single"
    running = EmbeddedStack(tmp_path_factory.mktemp("var"), redis=redis)
    running.start()
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def _empty_redis(request: pytest.FixtureRequest) -> None:
    if "stack" in request.fixturenames:
        stack: EmbeddedStack = request.getfixturevalue("stack")
        assert stack.redis is not None
        stack.redis.flush()


def make_settings(stack: EmbeddedStack, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        **stack.settings_overrides(),
        "argon2_time_cost": 1,
        "argon2_memory_kib": 8192,
        "argon2_allow_weak_for_tests": True,
        "public_origin": "https://testserver",
        "metering_enabled": False,  # metering tests drive collector cycles themselves
        **overrides,
    }
    return Settings(**values)


@pytest.fixture
def settings(stack: EmbeddedStack) -> Settings:
    return make_settings(stack)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(time.time())


def open_client(settings: Settings, clock: FixedClock) -> TestClient:
    client = TestClient(create_app(settings, clock), base_url="https://testserver")
    client.headers["X-Coffer-CSRF"] = "1"
    return client


@pytest.fixture
def client(settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    with open_client(settings, clock) as opened:
        yield opened


async def _with_users(settings: Settings, work: Any) -> Any:
    async with connected_services(settings, FixedClock(time.time())) as services:
        return await work(services, services.get(UserRegistry))


async def provision_account(services: Any, account_id: str, admin_email: str, admin_name: str) -> Any:
    """The saga as an operator starts it; asserts the account came out active."""
    provisioned = await services.get(Provisioning).create(
        account_id=account_id,
        display_name=account_id.title(),
        contact_email=admin_email,
        quota_bytes=None,
        admin_name=admin_name,
        admin_email=admin_email,
        actor="test",
        ip="",
    )
    assert provisioned.account.status == "active", provisioned.account.steps
    return provisioned


def claimed_record(account_id: str) -> AccountRecord:
    """An account's record as the saga writes it before its first step (its id claimed, nothing made)."""
    return AccountRecord(
        id=account_id,
        display_name=account_id.title(),
        contact_email=f"owner@{account_id}.example.com",
        status="provisioning",
        created_at=time.time(),
        admin_name="Owner",
        admin_email=f"owner@{account_id}.example.com",
        steps=[SagaStepRecord(name=name) for name in STEPS],
    )


def create_user(settings: Settings, username: str, role: Role, account_id: str | None = None) -> CreatedUser:
    async def work(services: Any, users: UserRegistry) -> CreatedUser:
        return await users.create(username, username.title(), f"{username}@example.com", role, account_id, actor="test")

    created: CreatedUser = asyncio.run(_with_users(settings, work))
    return created


def create_platform_admin(settings: Settings, username: str = "admin") -> CreatedUser:
    return create_user(settings, username, "platform-admin")


def create_account_with_admin(settings: Settings, account_id: str, username: str) -> CreatedUser:
    """An active account provisioned by the saga; its admin's username is `<username>@example.com`."""

    async def work(services: Any, users: UserRegistry) -> CreatedUser:
        provisioned = await provision_account(services, account_id, f"{username}@example.com", username.title())
        user = await users.get(provisioned.account.admin_user_id)
        assert user is not None and provisioned.one_time_password is not None
        return CreatedUser(user=user, one_time_password=provisioned.one_time_password)

    created: CreatedUser = asyncio.run(_with_users(settings, work))
    return created


def cli_environment(settings: Settings) -> dict[str, str]:
    """What an operator's shell exports for `coffer` commands against this deployment."""
    return {
        "COFFER_REDIS_URL": settings.redis_url,
        "COFFER_S3_ENDPOINT": settings.s3_endpoint,
        "COFFER_STORAGE_ACCESS_KEY": settings.storage_access_key,
        "COFFER_STORAGE_SECRET_KEY": settings.storage_secret_key.get_secret_value(),
        "COFFER_MASTER_KEY": settings.master_key.get_secret_value(),
        "COFFER_MASTER_KEYS_EXTRA": settings.master_keys_extra.get_secret_value(),
    }


def unique_account_id(stem: str = "acct") -> str:
    return stem + uuid.uuid4().hex[:8]


@pytest.fixture
def admin(settings: Settings) -> Person:
    created = create_platform_admin(settings)
    return Person(created.user.username, created.one_time_password)


@pytest.fixture
def tests_dir() -> Path:
    return Path(__file__).parent
