"""Provisioning that the storage system or a dead instance interrupted goes on by itself, once."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import boto3

from coffer.accounts.service import Accounts
from coffer.app import connected_services
from coffer.embedded.stack import EmbeddedStack
from coffer.provisioning.reconcile import Reconciliation
from coffer.provisioning.saga import Provisioning
from coffer.settings import Settings
from coffer.store.accounts import AccountRecord
from coffer.store.locks import LockStore

from ..conftest import claimed_record, unique_account_id
from ..mailbox import wait_for_mail


def _with_services(settings: Settings, work: Any) -> Any:
    async def run() -> Any:
        async with connected_services(settings) as services:
            return await work(services, services.connection)

    return asyncio.run(run())


def _create(settings: Settings, account_id: str) -> Any:
    async def work(services: Any, _: Any) -> Any:
        return await services.get(Provisioning).create(
            account_id=account_id,
            display_name=account_id.title(),
            contact_email=f"owner@{account_id}.example.com",
            quota_bytes=None,
            admin_name="Owner",
            admin_email=f"owner@{account_id}.example.com",
            actor="test",
            ip="",
        )

    return _with_services(settings, work)


def _resume(settings: Settings) -> list[str]:
    async def work(services: Any, _: Any) -> list[str]:
        resumed: list[str] = await services.get(Provisioning).resume_stalled()
        await services.mailer.deliver_due()  # what an instance's mail sender does meanwhile
        return resumed

    return _with_services(settings, work)


def _account(settings: Settings, account_id: str) -> Any:
    async def work(services: Any, _: Any) -> Any:
        return await services.get(Accounts).get(account_id)

    return _with_services(settings, work)


def test_an_account_waits_while_the_storage_is_unreachable_and_then_finishes_by_itself(
    settings: Settings, stack: EmbeddedStack
) -> None:
    account_id = unique_account_id("wait")
    unreachable = settings.model_copy(update={"s3_endpoint": "http://127.0.0.1:9"})  # nothing listens there

    waiting = _create(unreachable, account_id).account

    assert waiting.status == "waiting"
    assert (waiting.steps[0].name, waiting.steps[0].status) == ("storage_account", "waiting")
    assert waiting.steps[0].error
    started = time.time()
    assert _resume(settings) == [account_id]  # the storage system answers again
    assert _account(settings, account_id).status == "active"
    assert "has been created for you" in wait_for_mail(stack, f"owner@{account_id}.example.com", "", since=started)
    assert _resume(settings) == []  # nothing left to do, nothing done twice


def test_an_account_left_mid_run_by_a_dead_instance_is_finished_by_another(settings: Settings) -> None:
    account_id = unique_account_id("dead")

    async def died_after_the_record(services: Any, _: Any) -> None:
        await services.get(Accounts).new_record(claimed_record(account_id))

    _with_services(settings, died_after_the_record)

    assert _resume(settings) == [account_id]
    assert _account(settings, account_id).status == "active"


def test_an_account_whose_run_holds_its_lease_is_left_alone(settings: Settings) -> None:
    account_id = unique_account_id("busy")
    unreachable = settings.model_copy(update={"s3_endpoint": "http://127.0.0.1:9"})
    _create(unreachable, account_id)

    async def hold(services: Any, connection: Any) -> str | None:
        token: str | None = await LockStore(connection.redis).acquire(f"provisioning:{account_id}", 60)
        return token

    assert _with_services(settings, hold) is not None

    assert _resume(settings) == []
    assert _account(settings, account_id).status == "waiting"


def test_reconciliation_finds_storage_users_and_buckets_nobody_owns(settings: Settings) -> None:
    account_id = unique_account_id("rec")
    _create(settings, account_id)

    async def orphans(services: Any, _: Any) -> Any:
        return await services.get(Reconciliation).orphans()

    assert account_id not in str(_with_services(settings, orphans))
    client = {
        "endpoint_url": settings.s3_endpoint,
        "region_name": settings.s3_region,
        "aws_access_key_id": settings.storage_access_key,
        "aws_secret_access_key": settings.storage_secret_key.get_secret_value(),
    }
    gone = unique_account_id("gone")
    _create(settings, gone)
    s3 = boto3.client("s3", **client)
    s3.create_bucket(Bucket=f"{gone}-leftover")

    async def delete_record_only(services: Any, _: Any) -> None:  # as if deleting had crashed halfway
        def deleted(account: AccountRecord) -> AccountRecord:
            account.status = "deleted"
            return account

        await services.get(Accounts).update(gone, deleted)

    _with_services(settings, delete_record_only)
    boto3.client("iam", **client).create_user(UserName=f"{account_id}.ghost")
    s3.create_bucket(Bucket="operatorbackups-2026")
    try:
        found = _with_services(settings, orphans)
    finally:
        s3.delete_bucket(Bucket=f"{gone}-leftover")
        s3.delete_bucket(Bucket="operatorbackups-2026")

    assert f"{account_id}.ghost" in found.storage_users
    assert f"{gone}-leftover" in found.buckets
    assert "operatorbackups-2026" in found.foreign_buckets and "operatorbackups-2026" not in found.buckets
    assert not any(user.startswith(f"{account_id}.owner") for user in found.storage_users)
