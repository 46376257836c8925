"""The provisioning saga (DESIGN.md): record → storage account → console access → admin user → welcome mail.

Each step is idempotent and its outcome is recorded on the account, so a failure leaves the
account visibly `failed` at a named step, and Retry runs again from that step. The welcome
mail step sets a fresh one-time password each time it runs, so a retried mail is still valid.

A run holds a lease on its account (renewed while it runs), so that one instance at a time runs
it. When the storage system is unreachable the account `waits` instead of failing; every
instance looks for waiting accounts, and for accounts left `provisioning` by an instance that
died (their lease lapsed), and runs them on from where they stopped.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Literal

from coffer.accounts.service import AccountNotFound, Accounts, AccountStateConflict
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.data_access import MANAGE
from coffer.domain_errors import DomainError
from coffer.mail import templates
from coffer.mail.service import Mailer
from coffer.providers.base import StorageProvider, StorageRefused, StorageUnavailable
from coffer.quotas.service import QuotaTooSmall
from coffer.store.accounts import (
    AccountRecord,
    AccountStatus,
    AccountStore,
    SagaStepRecord,
    StepStatus,
    mark_step,
)
from coffer.store.leases import Lease, held
from coffer.store.locks import LockStore
from coffer.users.service import UsernameTaken, UserRegistry

STEPS = ("storage_account", "console_access", "admin_user", "welcome_mail")


class ProvisioningInProgress(DomainError):
    """A create with this idempotency key is still running."""

    status, slug, title = 409, "in-progress", "Already in progress"
    detail = "This account is being created by an earlier submission; reload in a moment."


class IdempotencyKeyReused(DomainError):
    """The idempotency key was first sent with another account id: a client bug, never a repeat."""

    status, slug, title = 422, "idempotency-key-reused", "Idempotency-Key reused"
    detail = "This Idempotency-Key was already used for another account; send a new key for a new account."


@dataclass(frozen=True)
class Provisioned:
    account: AccountRecord
    one_time_password: str | None


class StepFailed(Exception):
    pass


class Provisioning:
    def __init__(
        self,
        accounts: Accounts,
        account_store: AccountStore,
        users: UserRegistry,
        mailer: Mailer,
        provider: StorageProvider,
        auditor: Auditor,
        clock: Clock,
        console_url: str,
        leases: LockStore,
        lease_seconds: int,
        quota_min_bytes: int,
    ) -> None:
        self._quota_min_bytes = quota_min_bytes
        self._leases = leases
        self._lease_seconds = lease_seconds
        self._accounts = accounts
        self._account_store = account_store
        self._users = users
        self._mailer = mailer
        self._provider = provider
        self._auditor = auditor
        self._clock = clock
        self._console_url = console_url

    async def create(
        self,
        *,
        account_id: str,
        display_name: str,
        contact_email: str,
        quota_bytes: int | None,
        admin_name: str,
        admin_email: str,
        actor: str,
        ip: str,
        idempotency_key: str | None = None,
        request_id: str | None = None,
    ) -> Provisioned:
        if quota_bytes is not None and quota_bytes < self._quota_min_bytes:
            raise QuotaTooSmall("quota_bytes", self._quota_min_bytes)  # as PUT /quota refuses it
        if idempotency_key:
            first = await self._account_store.claim_idempotency_key(idempotency_key, account_id)
            if first is not None and first != account_id:
                raise IdempotencyKeyReused(first)
            if first is not None:
                try:
                    return Provisioned(await self._accounts.get(first), None)
                except AccountNotFound as error:
                    raise ProvisioningInProgress from error
        record = AccountRecord(
            id=account_id,
            display_name=display_name,
            contact_email=contact_email,
            status="provisioning",
            created_at=self._clock.now(),
            quota_bytes=quota_bytes,
            admin_name=admin_name,
            admin_email=admin_email,
            steps=[SagaStepRecord(name=name) for name in STEPS],
            request_id=request_id,
        )
        async with self._lease(account_id) as lease:
            if lease is None:
                raise ProvisioningInProgress
            try:
                await self._accounts.new_record(record)
            except Exception:
                if idempotency_key:
                    await self._account_store.release_idempotency_key(idempotency_key)
                raise
            await self._auditor.record(
                AuditEvent(
                    action=events.ACCOUNT_CREATE,
                    actor=actor,
                    result="success",
                    target=account_id,
                    account_id=account_id,
                    ip=ip,
                )
            )
            return await self._run(record, actor, ip, lease)

    async def retry(self, account_id: str, actor: str, ip: str) -> Provisioned:
        """Runs a failed (or waiting) account on from its first unfinished step, now."""
        async with self._lease(account_id) as lease:
            if lease is None:
                raise ProvisioningInProgress
            account = await self._accounts.get(account_id)
            if account.status not in ("failed", "waiting"):
                raise AccountStateConflict(f"Only a failed account can be retried; this one is {account.status}.")
            return await self._run_on(account, actor, ip, lease)

    async def resume_stalled(self) -> list[str]:
        """Runs on every account that waits for the storage system or whose instance died mid-run.

        Safe on every instance at once: an account whose lease is held is being run by someone.
        """
        resumed: list[str] = []
        for status in ("waiting", "provisioning"):
            for account_id in await self._account_store.ids_with_status(status):
                async with self._lease(account_id) as lease:
                    if lease is None:
                        continue  # running right now, here or on another instance
                    try:
                        account = await self._accounts.get(account_id)
                    except AccountNotFound:
                        continue
                    if account.status in ("waiting", "provisioning"):
                        await self._run_on(account, "provisioning", "", lease)
                        resumed.append(account_id)
        return resumed

    @contextlib.asynccontextmanager
    async def _lease(self, account_id: str) -> AsyncIterator[Lease | None]:
        """The account's lease for this run, or None while another run holds it; renewed in the background
        while the run goes on (a step may wait on the storage system longer than the lease), released at
        the end."""
        async with held(self._leases, lease_name(account_id), self._lease_seconds) as lease:
            yield lease

    async def _run_on(self, account: AccountRecord, actor: str, ip: str, lease: Lease) -> Provisioned:
        def running(fresh: AccountRecord) -> AccountRecord | None:
            if fresh.status not in ("failed", "waiting", "provisioning"):
                return None
            fresh.status = "provisioning"
            return fresh

        resumed = await self._accounts.update(account.id, running)
        if resumed is None:
            return Provisioned(await self._accounts.get(account.id), None)  # deleted or finished meanwhile
        return await self._run(resumed, actor, ip, lease)

    async def _run(self, account: AccountRecord, actor: str, ip: str, lease: Lease) -> Provisioned:
        password = None
        for step in account.steps:
            if step.status == "done":
                continue
            if not lease.held:
                return Provisioned(account, None)  # our lease lapsed: another instance runs it on now
            try:
                password = await self._step(step.name, account) or password
            except StorageUnavailable as error:
                return await self._stop(account, step, "waiting", error, actor, ip)
            except (StepFailed, StorageRefused, UsernameTaken) as error:
                return await self._stop(account, step, "failed", error, actor, ip)
            account = await self._record(account, step.name, "done", None, admin_user_id=account.admin_user_id)

        def finished(fresh: AccountRecord) -> AccountRecord | None:
            if fresh.status != "provisioning":
                return None  # someone deleted it meanwhile: theirs is the last word
            fresh.status = "active"
            return fresh

        return Provisioned(await self._accounts.update(account.id, finished) or account, password)

    async def _record(
        self,
        account: AccountRecord,
        name: str,
        status: StepStatus,
        error: str | None,
        *,
        admin_user_id: str | None = None,
        account_status: AccountStatus | None = None,
    ) -> AccountRecord:
        """Writes one step's outcome (and what it made) onto the record as it is now."""
        at = self._clock.now()

        def recorded(fresh: AccountRecord) -> AccountRecord | None:
            if fresh.status != "provisioning":
                return None
            mark_step(fresh.steps, name, status, error, at)
            fresh.admin_user_id = admin_user_id or fresh.admin_user_id
            fresh.status = account_status or fresh.status
            return fresh

        return await self._accounts.update(account.id, recorded) or account

    async def _stop(
        self,
        account: AccountRecord,
        step: SagaStepRecord,
        status: Literal["waiting", "failed"],
        error: Exception,
        actor: str,
        ip: str,
    ) -> Provisioned:
        """Records why the saga stopped at `step`: `waiting` resumes by itself, `failed` needs a Retry."""
        reason = _explain(error)
        account = await self._record(account, step.name, status, reason, account_status=status)
        await self._auditor.record(
            AuditEvent(
                action=events.ACCOUNT_PROVISION_STEP,
                actor=actor,
                result="failure",
                target=account.id,
                account_id=account.id,
                ip=ip,
                detail=f"{step.name} ({status}): {reason}",
            )
        )
        return Provisioned(account, None)

    async def _step(self, name: str, account: AccountRecord) -> str | None:
        if name == "storage_account":
            # The id is claimed (its record exists) before this check: whatever the storage system
            # holds under the name now was made by someone else, and the account must not own it.
            found = await self._provider.namespace_contents(account.id)
            if found:
                raise StepFailed(
                    f"The name {account.id!r} is taken in the storage system ({', '.join(found[:3])}); "
                    "delete this account and choose another id."
                )
            await self._provider.create_account(account.id)
        elif name == "console_access":
            await self._provider.ensure_console_access(account.id)
        elif name == "admin_user":
            await self._admin_user(account)
        elif name == "welcome_mail":
            if account.admin_user_id is None:
                raise StepFailed("the account has no admin user")
            user = await self._users.get(account.admin_user_id)
            password = await self._users.reset_one_time_password(account.admin_user_id)
            await self._mailer.send(
                [account.admin_email],
                templates.welcome_account_admin(
                    account.admin_name,
                    account.display_name,
                    user.username if user else account.admin_email,
                    password,
                    self._console_url,
                ),
            )
            return password
        return None

    async def _admin_user(self, account: AccountRecord) -> None:
        existing = await self._users.by_username(account.admin_email)
        if existing is not None:
            if existing.account_id != account.id:
                raise StepFailed(f"{account.admin_email} is already the username of another console user")
            account.admin_user_id = existing.id
            await self._provider.create_account_user(account.id, existing.username, MANAGE)
            return
        created = await self._users.create(
            account.admin_email,
            account.admin_name,
            account.admin_email,
            "account-admin",
            account.id,
            actor="provisioning",
        )
        account.admin_user_id = created.user.id


def lease_name(account_id: str) -> str:
    """One lease per account for provisioning and deletion alike: never both at once."""
    return f"provisioning:{account_id}"


def _explain(error: Exception) -> str:
    if isinstance(error, StorageUnavailable):
        return "The storage system did not answer; retry when it is back."
    if isinstance(error, StorageRefused):
        return f"The storage system refused: {error}"[:300]
    return str(error)[:300] or type(error).__name__


def new_request_id() -> str:
    return uuid.uuid4().hex
