"""Reconciliation: what the storage system holds that no Coffer record accounts for.

A crash between a storage call and the record of its outcome could leave an IAM user or a bucket
that no account or person owns; this check finds them (`coffer reconcile`), it changes nothing.
A bucket named like `<word>-…` (or a storage user `<word>.…`) where no account was ever called
`<word>` is not Coffer's doing (Coffer makes an account's record before anything in its namespace,
and tenants reach only their own): the operator's own, say. Those are listed apart, under the
namespace they block (no account can be made with that id), and are not orphans; so is what an
account whose storage step never finished found in its namespace.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coffer.providers.base import StorageProvider
from coffer.store.accounts import AccountRecord, AccountStore
from coffer.store.users import UserStore


@dataclass(frozen=True)
class Orphans:
    storage_users: list[str]  # "<account>.<username>": no such account, or no such person in it
    buckets: list[str]  # in the namespace of a deleted account
    foreign_buckets: list[str]  # in no account's namespace, ever: not Coffer's
    blocked: dict[str, list[str]] = field(default_factory=dict)  # namespace → foreign buckets and users in it

    def __bool__(self) -> bool:
        return bool(self.storage_users or self.buckets)


class Reconciliation:
    def __init__(self, provider: StorageProvider, accounts: AccountStore, users: UserStore) -> None:
        self._provider = provider
        self._accounts = accounts
        self._users = users

    async def orphans(self) -> Orphans:
        inventory = await self._provider.inventory()
        known: dict[str, AccountRecord | None] = {}

        async def account(account_id: str) -> AccountRecord | None:
            """The account's record; None when no account was ever called so."""
            if account_id not in known:
                known[account_id] = await self._accounts.get(account_id)
            return known[account_id]

        def unclaimed(record: AccountRecord | None) -> bool:
            """Nothing in such a namespace is Coffer's: no account, or one that never got past its storage step."""
            return record is None or (
                record.status == "failed"
                and any(s.name == "storage_account" and s.status != "done" for s in record.steps)
            )

        storage_users: list[str] = []
        blocked: dict[str, list[str]] = {}
        for account_id, usernames in sorted(inventory.users.items()):
            record = await account(account_id)
            for username in sorted(usernames):
                if unclaimed(record):
                    blocked.setdefault(account_id, []).append(f"{account_id}.{username}")
                    continue
                person = await self._users.get_by_username(username) if record and record.status != "deleted" else None
                if person is None or person.account_id != account_id:
                    storage_users.append(f"{account_id}.{username}")
        buckets, foreign = [], []
        for bucket in sorted(inventory.buckets):
            owner = self._provider.account_of_bucket(bucket)
            record = None if owner is None else await account(owner)
            if owner is None or unclaimed(record):
                foreign.append(bucket)
                if owner is not None:
                    blocked.setdefault(owner, []).append(bucket)
            elif record is not None and record.status == "deleted":
                buckets.append(bucket)
        return Orphans(
            storage_users=storage_users,
            buckets=buckets,
            foreign_buckets=foreign,
            blocked={namespace: sorted(names) for namespace, names in sorted(blocked.items())},
        )
