"""Data grants: an account's admins say what each member may do with the account's data.

A grant is one level for every bucket of the account (those made later too) and, above it, a level for
single buckets: none, read, read-write, or read-write with delete. It is stored on the person's record
and written as the storage policy of their keys at once; their console session notices it at their next
request (its temporary credentials were made for the old grant, and are asked for again). Credentials
already handed to their own tools (`/me/cli-credentials`) keep the old grant until they expire, within the
hour: SeaweedFS cannot revoke temporary credentials.
"""

from __future__ import annotations

from collections.abc import Mapping

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.data_access import DataLevel, rank
from coffer.domain_errors import DomainError, FieldProblem
from coffer.providers.base import StorageProvider
from coffer.store.users import DataGrant, UserStore
from coffer.users.management import Actor, People, Person, Scope
from coffer.users.storage_identity import StorageIdentity

# What a member has whom no admin granted anything: what every member had before grants existed.
DEFAULT_GRANT = DataGrant(account="read-write-delete")


class GrantChanged(DomainError):
    """Another admin changed the grant since this one was read: saving would undo their change unseen."""

    status, slug, title = 409, "grant-changed", "Changed meanwhile"
    detail = "Someone else changed this person's data access meanwhile. Look at it again, then save."


class GrantNotForAdmins(DomainError):
    status, slug, title = 409, "grant-not-for-admins", "Administrators have full access"
    detail = (
        "Account administrators manage the account's buckets and reach all of its data. Make them a member "
        "first to limit what they may do."
    )


class UnknownBucket(DomainError):
    status, slug, title = 422, "invalid-grant", "Invalid data access"

    @property
    def detail(self) -> str:
        return f"The account has no bucket {self}."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(f"buckets.{self}", self.detail),)


class DataGrants:
    def __init__(self, store: UserStore, people: People, provider: StorageProvider, auditor: Auditor) -> None:
        self._store = store
        self._people = people
        self._provider = provider
        self._auditor = auditor
        self._identity = StorageIdentity(store, provider)

    async def of(self, scope: Scope, user_id: str) -> tuple[Person, DataGrant]:
        person = await self._people.get(scope, user_id)
        return person, person.user.data_grant or DEFAULT_GRANT

    async def change(
        self,
        scope: Scope,
        user_id: str,
        account: DataLevel,
        buckets: Mapping[str, DataLevel],
        revision: int,
        actor: Actor,
    ) -> DataGrant:
        """Replaces the member's grant if it is still at `revision`; levels a bucket has anyway through the
        account-wide one are left out. Raises GrantChanged, GrantNotForAdmins, UnknownBucket."""
        person, current = await self.of(scope, user_id)
        if person.user.role != "account-member" or scope.account_id is None:
            raise GrantNotForAdmins(user_id)
        existing = {bucket.name for bucket in await self._provider.list_account_buckets(scope.account_id)}
        for bucket in sorted(buckets):
            if bucket not in existing:
                raise UnknownBucket(bucket)
        if revision != current.revision:
            raise GrantChanged(user_id)
        raised = {bucket: level for bucket, level in sorted(buckets.items()) if rank(level) > rank(account)}
        grant = DataGrant(account=account, buckets=raised, revision=current.revision + 1)
        if await self._store.update(user_id, only_if={"data_grant": person.user.data_grant}, data_grant=grant) is None:
            raise GrantChanged(user_id)
        await self._identity.follow_record(user_id)
        await self._auditor.record(
            AuditEvent(
                action=events.DATA_GRANT,
                actor=actor.username,
                result="success",
                target=user_id,
                account_id=scope.account_id,
                ip=actor.ip,
                detail=describe(grant),
            )
        )
        return grant

    async def forget_bucket(self, account_id: str, bucket: str) -> None:
        """A deleted bucket leaves every grant: one made again under its name is a new bucket, granted anew."""
        for user_id in sorted(await self._store.account_user_ids(account_id)):
            while True:
                user = await self._store.get(user_id)
                grant = user.data_grant if user is not None else None
                if grant is None or bucket not in grant.buckets:
                    break
                left = {name: level for name, level in grant.buckets.items() if name != bucket}
                kept = grant.model_copy(update={"buckets": left, "revision": grant.revision + 1})
                if await self._store.update(user_id, only_if={"data_grant": grant}, data_grant=kept) is not None:
                    await self._identity.follow_record(user_id)
                    break


def describe(grant: DataGrant) -> str:
    """The grant in one audit line: `account=read; acme-photos=read-write`."""
    return "; ".join([f"account={grant.account}", *(f"{name}={level}" for name, level in grant.buckets.items())])
