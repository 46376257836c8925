"""Deletion is a saga: `deleting` first, each step recorded, finished by another instance after a crash."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import botocore.awsrequest
import pytest

from coffer.accounts.service import Accounts
from coffer.app import build_provider, connected_services
from coffer.embedded.environment import coffer_environment
from coffer.providers.base import StorageRefused
from coffer.provisioning.deletion import Deletion
from coffer.provisioning.reconcile import Reconciliation
from coffer.settings import Settings

from ..conftest import cli_environment, provision_account, unique_account_id
from ..storage import service_client

_OBJECTS = 6000  # six DeleteObjects batches: long enough to stop the purge halfway

_DELETE_IN_A_CHILD = """
import asyncio
from coffer.accounts.service import Accounts
from coffer.app import connected_services
from coffer.provisioning.deletion import Deletion
from coffer.settings import Settings

async def main() -> None:
    async with connected_services(Settings()) as services:
        account = await services.get(Accounts).get({account_id!r})
        await services.get(Deletion).delete(account.id, account.display_name, True, "operator", "")

asyncio.run(main())
"""


def _with_services(settings: Settings, work: Callable[[Any], Any]) -> Any:
    async def run() -> Any:
        async with connected_services(settings) as services:
            return await work(services)

    return asyncio.run(run())


def _until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.05)


def _objects_left(settings: Settings, bucket: str) -> int:
    s3 = service_client(settings, "s3")
    try:
        return sum(page.get("KeyCount", 0) for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket))
    except s3.exceptions.NoSuchBucket:
        return 0


def test_an_instance_killed_mid_purge_leaves_the_account_deleting_and_another_finishes_it(
    settings: Settings,
) -> None:
    settings = settings.model_copy(update={"provisioning_lease_seconds": 5})
    account_id = unique_account_id("purge")
    _with_services(settings, lambda services: provision_account(services, account_id, f"o@{account_id}.io", "O"))
    bucket = f"{account_id}-archive"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(lambda n: s3.put_object(Bucket=bucket, Key=f"file-{n:05}", Body=b"x"), range(_OBJECTS)))
    environment = coffer_environment(
        {key.removeprefix("COFFER_").lower(): value for key, value in cli_environment(settings).items()}
        | {"provisioning_lease_seconds": 5}
    )

    child = subprocess.Popen([sys.executable, "-c", _DELETE_IN_A_CHILD.format(account_id=account_id)], env=environment)
    try:
        _until(lambda: 0 < _objects_left(settings, bucket) < _OBJECTS, "the purge to begin")
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()

    halfway = _with_services(settings, lambda services: services.get(Accounts).get(account_id))
    assert halfway.status == "deleting"
    assert [(step.name, step.status) for step in halfway.deletion_steps][:2] == [
        ("sessions", "done"),
        ("storage_users", "done"),
    ]
    assert _objects_left(settings, bucket) > 0

    def taken_over() -> bool:
        return account_id in _with_services(settings, lambda services: services.get(Deletion).resume_stalled())

    _until(taken_over, "another instance to take the deletion over once the lease lapsed")

    finished = _with_services(settings, lambda services: services.get(Accounts).get(account_id))
    assert finished.status == "deleted"
    assert [step.status for step in finished.deletion_steps] == ["done"] * 3
    assert bucket not in [entry["Name"] for entry in s3.list_buckets()["Buckets"]]
    orphans = _with_services(settings, lambda services: services.get(Reconciliation).orphans())
    assert account_id not in str(orphans)


def test_objects_that_cannot_be_deleted_end_the_purge_with_the_reason_instead_of_a_loop(settings: Settings) -> None:
    """DeleteObjects may answer 200 and list every key as failed; the purge must say so, not list them again."""
    bucket = f"{unique_account_id('stuck')}-data"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="locked.bin", Body=b"x")
    provider = build_provider(settings)

    def refuse_every_key(params: dict[str, Any], **_: Any) -> tuple[Any, dict[str, Any]]:
        keys = params["body"]  # the request as sent: what the store would have answered about each key
        failed = [{"Key": "locked.bin", "Code": "AccessDenied", "Message": "Access Denied"}] if keys else []
        return botocore.awsrequest.AWSResponse("", 200, {}, None), {"Errors": failed, "ResponseMetadata": {}}

    provider._s3.meta.events.register("before-call.s3.DeleteObjects", refuse_every_key)  # type: ignore[attr-defined]

    async def purge() -> None:
        with anyio.fail_after(30):
            await provider.delete_account_buckets(bucket.split("-")[0], purge_data=True)

    try:
        with pytest.raises(StorageRefused, match=r"locked\.bin"):
            asyncio.run(purge())
    finally:
        asyncio.run(provider.close())
        s3.delete_object(Bucket=bucket, Key="locked.bin")
        s3.delete_bucket(Bucket=bucket)
