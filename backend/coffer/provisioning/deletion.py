"""Deleting an account is the provisioning saga in reverse (DESIGN.md): `deleting` first, then steps.

`deleting` is written before anything is removed, so an account is never `active` with half its
data gone. The steps (end the sessions → remove the storage users and their keys → purge and remove
the buckets) are each recorded on the account. An instance that dies mid-purge leaves the account
`deleting` with its lease lapsing: any instance's resumer runs it on from the unfinished step; a
storage outage makes the step `waiting` and is resumed the same way. A refusal (a bucket got data
while purging was not asked for, objects that cannot be deleted) leaves the step `failed` with the
reason, and deleting again (with *Also delete all data* if data is left) goes on from there.
The record itself stays, `deleted`, for billing.
"""

from __future__ import annotations

from coffer.accounts.service import Accounts, AccountStateConflict, InvalidAccount
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.providers.base import AccountHoldsData, StorageProvider, StorageRefused, StorageUnavailable
from coffer.provisioning.saga import ProvisioningInProgress, lease_name
from coffer.store.accounts import AccountRecord, AccountStore, SagaStepRecord, StepStatus, mark_step
from coffer.store.leases import Lease, held
from coffer.store.locks import LockStore

DELETION_STEPS = ("sessions", "storage_users", "buckets")


class Deletion:
    def __init__(
        self,
        accounts: Accounts,
        account_store: AccountStore,
        provider: StorageProvider,
        auditor: Auditor,
        clock: Clock,
        leases: LockStore,
        lease_seconds: int,
    ) -> None:
        self._accounts = accounts
        self._account_store = account_store
        self._provider = provider
        self._auditor = auditor
        self._clock = clock
        self._leases = leases
        self._lease_seconds = lease_seconds

    async def delete(self, account_id: str, confirm_name: str, purge_data: bool, actor: str, ip: str) -> AccountRecord:
        """Starts (or goes on with) the deletion and runs it; the answer is the account as it ended."""
        account = await self._accounts.get(account_id)
        if confirm_name != account.display_name:
            raise InvalidAccount("confirm_name", "Type the account's name exactly to confirm.")
        if account.status == "deleted":
            return account
        async with held(self._leases, lease_name(account_id), self._lease_seconds) as lease:
            if lease is None:
                raise ProvisioningInProgress
            account = await self._start(account_id, purge_data)
            await self._audit(events.ACCOUNT_DELETE, actor, account_id, ip, "purging data" if purge_data else "")
            return await self._run(account, lease)

    async def resume_stalled(self) -> list[str]:
        """Runs on every deletion left by a dead instance or paused by a storage outage (not a refused one:
        that waits for a person to delete again)."""
        resumed: list[str] = []
        for account_id in await self._account_store.ids_with_status("deleting"):
            async with held(self._leases, lease_name(account_id), self._lease_seconds) as lease:
                if lease is None:
                    continue
                account = await self._account_store.get(account_id)
                if account is None or account.status != "deleting":
                    continue
                if any(step.status == "failed" for step in account.deletion_steps):
                    continue
                await self._run(account, lease)
                resumed.append(account_id)
        return resumed

    async def _start(self, account_id: str, purge_data: bool) -> AccountRecord:
        account = await self._accounts.get(account_id)
        if account.status in ("provisioning",):
            raise AccountStateConflict("The account is still being provisioned; wait until it is active or failed.")
        if account.status != "deleting" and not purge_data and await self._provider.account_holds_data(account_id):
            raise AccountHoldsData(f"a bucket of {account_id} holds objects")  # nothing changed yet
        refused: list[str] = []

        def deleting(fresh: AccountRecord) -> AccountRecord | None:
            if fresh.status in ("provisioning", "deleted"):
                refused.append(fresh.status)
                return None
            if fresh.status != "deleting":
                fresh.deletion_steps = [SagaStepRecord(name=name) for name in DELETION_STEPS]
                fresh.status = "deleting"
            for step in fresh.deletion_steps:
                if step.status != "done":
                    step.status, step.error = "pending", None  # a repeat goes on from here
            fresh.purge_data = fresh.purge_data or purge_data
            return fresh

        started = await self._account_store.update(account_id, deleting)
        if refused or started is None:
            raise AccountStateConflict(f"An account that is {refused[-1] if refused else 'gone'} cannot be deleted.")
        return started

    async def _run(self, account: AccountRecord, lease: Lease) -> AccountRecord:
        """The lease is renewed while a step runs (a purge of many objects takes long); one that was
        lost stops the run before the next step: another instance goes on with it."""
        for step in account.deletion_steps:
            if step.status == "done":
                continue
            if not lease.held:
                return account
            try:
                await self._step(step.name, account)
            except StorageUnavailable:
                return await self._record(
                    account,
                    step.name,
                    "waiting",
                    "The storage system did not answer; the deletion goes on by itself when it is back.",
                )
            except AccountHoldsData as error:
                return await self._record(
                    account,
                    step.name,
                    "failed",
                    f"Data was added meanwhile ({error}); delete again with all data to go on.",
                )
            except StorageRefused as error:
                return await self._record(account, step.name, "failed", f"The storage system refused: {error}"[:300])
            account = await self._record(account, step.name, "done", None)

        def deleted(fresh: AccountRecord) -> AccountRecord | None:
            if fresh.status != "deleting":
                return None
            fresh.status = "deleted"
            return fresh

        return await self._account_store.update(account.id, deleted) or account

    async def _step(self, name: str, account: AccountRecord) -> None:
        if name == "sessions":
            await self._accounts.end_sessions(account.id)
        elif name == "storage_users":
            await self._provider.delete_account_identities(account.id)
        elif name == "buckets":
            await self._provider.delete_account_buckets(account.id, account.purge_data)

    async def _record(self, account: AccountRecord, name: str, status: StepStatus, error: str | None) -> AccountRecord:
        at = self._clock.now()

        def recorded(fresh: AccountRecord) -> AccountRecord:
            mark_step(fresh.deletion_steps, name, status, error, at)
            return fresh

        return await self._account_store.update(account.id, recorded) or account

    async def _audit(self, action: str, actor: str, account_id: str, ip: str, detail: str) -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=actor,
                result="success",
                target=account_id,
                account_id=account_id,
                ip=ip,
                detail=detail,
            )
        )
