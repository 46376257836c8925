"""One local cluster for the module's tests: nginx with TLS → two BFF processes → Redis, SeaweedFS, SMTP.

Tests talk to it as a browser would (HTTPS through nginx) and make people the way an operator does.
"""

from __future__ import annotations

import asyncio
import datetime
import ssl
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pyotp
import pytest

from coffer.app import connected_services
from coffer.embedded.cluster import LocalCluster
from coffer.security_policy.service import MfaPolicy
from coffer.settings import Settings
from coffer.store.users import Role
from coffer.users.service import UserRegistry

from ..conftest import provision_account

ROOT = Path(__file__).parents[2]
COOKIE = "__Host-coffer_session"
NEW_PASSWORD = "correct horse battery staple lantern"


@pytest.fixture(scope="session")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    dist = ROOT / "frontend" / "dist"
    running = LocalCluster(
        tmp_path_factory.mktemp("cluster"),
        frontend=dist if (dist / "index.html").exists() else None,
        # every test request comes from 127.0.0.1: the per-address limit would otherwise meter the suite
        settings={
            "ip_attempts_per_minute": 100_000,
            # stalled provisioning is resumed within seconds rather than a minute, for the fault tests
            "provisioning_lease_seconds": 5,
            "provisioning_resume_seconds": 1,
            "metering_requests_seconds": 2,  # the Redis crash test waits for counted requests
        },
    )
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def cluster_settings(cluster: LocalCluster) -> Settings:
    return cluster.settings()


def trusting(cluster: LocalCluster) -> ssl.SSLContext:
    """Trusts the cluster's self-signed certificate, and only it."""
    return ssl.create_default_context(cafile=str(cluster.tls_certificate))


def browser(cluster: LocalCluster, csrf: bool = True) -> httpx.Client:
    """What the frontend sends: HTTPS through nginx, the CSRF header on every call."""
    headers = {"X-Coffer-CSRF": "1"} if csrf else {}
    return httpx.Client(base_url=cluster.url, verify=trusting(cluster), headers=headers, timeout=30)


@dataclass
class Member:
    username: str
    password: str
    user_id: str
    totp_secret: str = ""
    used_steps: set[int] = field(default_factory=set)

    def code(self) -> str:
        """A code of a time step not used yet (the server refuses a step twice)."""
        totp = pyotp.TOTP(self.totp_secret)
        step = int(totp.timecode(datetime.datetime.now()))
        while step in self.used_steps:
            step += 1  # a future step within the accepted drift
        self.used_steps.add(step)
        return str(totp.generate_otp(step))


async def _services_call(settings: Settings, work: Any) -> Any:
    async with connected_services(settings) as services:
        return await work(services)


def create_account(settings: Settings, stem: str = "acct") -> str:
    """An active account, provisioned by the saga as an operator would."""
    account_id = f"{stem}{uuid.uuid4().hex[:8]}"

    async def work(services: Any) -> Any:
        return await provision_account(services, account_id, f"owner@{account_id}.example.com", "Owner")

    asyncio.run(_services_call(settings, work))
    return account_id


def create_person(
    settings: Settings, role: Role = "platform-viewer", stem: str = "p", account_id: str | None = None
) -> Member:
    username = f"{stem}{uuid.uuid4().hex[:8]}"

    async def work(services: Any) -> Any:
        return await services.get(UserRegistry).create(
            username, username.title(), f"{username}@example.com", role, account_id, actor="test"
        )

    created = asyncio.run(_services_call(settings, work))
    return Member(username, created.one_time_password, created.user.id)


def post(client: httpx.Client, path: str, body: dict[str, Any], expect: int = 200) -> dict[str, Any]:
    answer = client.post(path, json=body)
    assert answer.status_code == expect, answer.text
    return answer.json() if answer.content else {}


def first_sign_in(client: httpx.Client, person: Member) -> None:
    step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
    step = post(client, "/api/v1/auth/password", {"challenge": step["challenge"], "new_password": NEW_PASSWORD})
    person.password = NEW_PASSWORD
    enrollment = post(client, "/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})
    person.totp_secret = enrollment["secret"]
    post(client, "/api/v1/auth/mfa/enrollment/confirm", {"challenge": step["challenge"], "code": person.code()})


SignedIn = Callable[..., tuple[httpx.Client, Member]]


@pytest.fixture
def signed_in(cluster: LocalCluster, cluster_settings: Settings) -> Iterator[SignedIn]:
    """Makes people and signs each in with their own client; the clients close after the test."""
    clients: list[httpx.Client] = []

    def sign_in(role: Role = "platform-viewer") -> tuple[httpx.Client, Member]:
        client = browser(cluster)
        clients.append(client)
        person = create_person(cluster_settings, role)
        first_sign_in(client, person)
        return client, person

    yield sign_in
    for client in clients:
        client.close()


def mfa_optional(settings: Settings) -> None:
    """As a platform admin leaves MFA to each account (people may then sign in with a password only)."""

    async def work(services: Any) -> None:
        await services.get(MfaPolicy).set_platform_required(False, "test", "")

    asyncio.run(_services_call(settings, work))


def open_sessions(cluster: LocalCluster, settings: Settings, people: int, each: int) -> list[str]:
    """`people` platform viewers without MFA, each signed in `each` times: the session tokens."""
    mfa_optional(settings)
    tokens: list[str] = []
    for _ in range(people):
        person = create_person(settings)
        for _ in range(each):
            with browser(cluster) as client:
                sign_in_without_mfa(client, person)
                tokens.append(client.cookies.get(COOKIE) or "")
    return tokens


def sign_in_without_mfa(client: httpx.Client, person: Member) -> None:
    """Where MFA is optional: the password (a new one the first time), then "set up later"."""
    step = post(client, "/api/v1/auth/login", {"username": person.username, "password": person.password})
    if step["step"] == "change_password":
        step = post(client, "/api/v1/auth/password", {"challenge": step["challenge"], "new_password": NEW_PASSWORD})
        person.password = NEW_PASSWORD
    post(client, "/api/v1/auth/mfa/enrollment/skip", {"challenge": step["challenge"]})
    assert client.cookies.get(COOKIE)
