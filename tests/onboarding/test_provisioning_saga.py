"""A storage outage at any provisioning step leaves the account visibly waiting; Retry (or the resumer)
completes it without orphans. A refusal by the storage system fails it, visibly, until a Retry."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.app import build_provider, create_app
from coffer.clock import FixedClock
from coffer.providers.base import StorageProvider, StorageRefused, StorageUnavailable
from coffer.settings import Settings

from ..flows import Person, first_sign_in
from ..storage import service_client
from .test_accounts import new_account


class FaultyStorage:
    """The real provider, except that one method fails while `broken` names it (a storage outage on demand)."""

    def __init__(self, real: StorageProvider) -> None:
        self.real = real
        self.broken: str | None = None
        self.fault: Exception | None = None  # default: the storage system does not answer

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.real, name)
        if name != self.broken:
            return method

        async def unreachable(*args: Any, **kwargs: Any) -> Any:
            raise self.fault or StorageUnavailable(f"injected outage in {name}")

        return unreachable


@pytest.fixture
def faulty(settings: Settings, clock: FixedClock) -> Iterator[tuple[TestClient, FaultyStorage]]:
    holder: dict[str, FaultyStorage] = {}

    def factory(settings: Settings) -> StorageProvider:
        holder["storage"] = FaultyStorage(build_provider(settings))
        return holder["storage"]  # type: ignore[return-value]

    with TestClient(create_app(settings, clock, provider_factory=factory), base_url="https://testserver") as client:
        client.headers["X-Coffer-CSRF"] = "1"
        yield client, holder["storage"]


@pytest.mark.parametrize(
    ("broken", "step"),
    [
        ("create_account", "storage_account"),
        ("ensure_console_access", "console_access"),
        ("create_account_user", "admin_user"),
    ],
)
def test_an_outage_at_a_step_waits_visibly_and_retry_completes_without_orphans(
    faulty: tuple[TestClient, FaultyStorage],
    admin: Person,
    settings: Settings,
    clock: FixedClock,
    broken: str,
    step: str,
) -> None:
    client, storage = faulty
    first_sign_in(client, admin, clock)
    body = new_account()
    storage.broken = broken

    waiting = client.post("/api/v1/accounts", json=body).json()

    assert waiting["status"] == "waiting"
    waiting_step = next(item for item in waiting["steps"] if item["name"] == step)
    assert waiting_step["status"] == "waiting"
    assert "did not answer" in waiting_step["error"]
    listed = client.get("/api/v1/accounts", params={"status": "waiting"}).json()["items"]
    assert body["id"] in [item["id"] for item in listed]

    storage.broken = None
    retried = client.post(f"/api/v1/accounts/{body['id']}/retry").json()

    assert retried["status"] == "active"
    assert all(item["status"] == "done" for item in retried["steps"])
    iam_users = [
        user["UserName"]
        for user in service_client(settings, "iam").list_users()["Users"]
        if user["UserName"].startswith(body["id"] + ".")
    ]
    assert iam_users == [f"{body['id']}.{body['admin_email']}"]


def test_a_refusal_fails_the_account_until_a_retry(
    faulty: tuple[TestClient, FaultyStorage], admin: Person, clock: FixedClock
) -> None:
    client, storage = faulty
    first_sign_in(client, admin, clock)
    body = new_account()
    storage.broken, storage.fault = "ensure_console_access", StorageRefused("the policy was refused")

    failed = client.post("/api/v1/accounts", json=body).json()

    assert (failed["status"], failed["failed_step"]) == ("failed", "console_access")
    storage.broken = None
    assert client.post(f"/api/v1/accounts/{body['id']}/retry").json()["status"] == "active"


def test_only_a_failed_account_can_be_retried(
    faulty: tuple[TestClient, FaultyStorage], admin: Person, clock: FixedClock
) -> None:
    client, _ = faulty
    first_sign_in(client, admin, clock)
    body = new_account()
    client.post("/api/v1/accounts", json=body)
    answer = client.post(f"/api/v1/accounts/{body['id']}/retry")
    assert answer.status_code == 409
    assert "Only a failed account" in answer.json()["detail"]


def test_an_unreachable_storage_system_is_a_503_problem(
    faulty: tuple[TestClient, FaultyStorage], admin: Person, clock: FixedClock
) -> None:
    client, storage = faulty
    first_sign_in(client, admin, clock)
    body = new_account()
    client.post("/api/v1/accounts", json=body)
    storage.broken = "list_account_buckets"
    answer = client.get(f"/api/v1/accounts/{body['id']}/buckets")
    assert answer.status_code == 503
    assert answer.json()["type"].endswith("/storage-unavailable")
    assert answer.headers["retry-after"]
