"""Buckets: an account admin makes and deletes the account's buckets.

Every call to the storage system uses the admin's own temporary credentials, so the storage system
checks a second time that the bucket lies in their account. A bucket's name is the account's prefix
(`acme-`) and what the admin chose; S3's naming rules are checked first, each with its own message,
so a refused name reaches no storage system and leaves no bucket.
"""

from __future__ import annotations

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.buckets.names import MAX_LENGTH, name_problem
from coffer.data_grants.service import DataGrants
from coffer.domain_errors import DomainError, FieldProblem
from coffer.providers.base import (
    BucketInfo,
    BucketNotInAccount,
    StorageProvider,
    TemporaryCredentials,
    check_in_account,
)
from coffer.store.accounts import AccountStore
from coffer.store.quotas import QuotaStore

SUFFIX_FIELD = "suffix"


class InvalidBucketName(ValueError, DomainError):
    status, slug, title = 422, "invalid-bucket-name", "Invalid bucket name"

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(SUFFIX_FIELD, str(self)),)


class BucketNameTaken(DomainError):
    """Bucket names are one namespace for the whole storage system."""

    status, slug, title = 409, "bucket-taken", "Name taken"

    @property
    def detail(self) -> str:
        return f"A bucket named {self} exists already; choose another name."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(SUFFIX_FIELD, self.detail),)


class BucketHoldsData(DomainError):
    """Only an empty bucket is deleted: nothing is lost by a wrong click."""

    status, slug, title = 409, "bucket-holds-data", "The bucket holds data"

    @property
    def detail(self) -> str:
        return f"The bucket {self} still holds objects. Delete them first; only an empty bucket can be deleted."


class AccountNotActive(DomainError):
    status, slug, title = 409, "account-state", "Not possible now"


class Buckets:
    def __init__(
        self,
        accounts: AccountStore,
        quotas: QuotaStore,
        provider: StorageProvider,
        auditor: Auditor,
        grants: DataGrants,
    ) -> None:
        self._grants = grants
        self._accounts = accounts
        self._quotas = quotas
        self._provider = provider
        self._auditor = auditor

    def name_of(self, account_id: str, suffix: str) -> str:
        """The whole name, once S3 would accept it; raises InvalidBucketName saying which rule it breaks."""
        prefix = self._provider.bucket_prefix(account_id)
        if not suffix:
            raise InvalidBucketName(f"Enter the bucket's name after {prefix}.")
        if len(prefix) + len(suffix) > MAX_LENGTH:
            raise InvalidBucketName(
                f"A bucket name has at most {MAX_LENGTH} characters, {prefix} included: "
                f"at most {MAX_LENGTH - len(prefix)} after it ({len(suffix)} given)."
            )
        name = prefix + suffix
        problem = name_problem(name)
        if problem is not None:
            raise InvalidBucketName(problem)
        return name

    async def create(
        self, account_id: str, suffix: str, credentials: TemporaryCredentials, actor: str, ip: str
    ) -> BucketInfo:
        name = self.name_of(account_id, suffix)
        account = await self._accounts.get(account_id)
        if account is None or account.status != "active":
            raise AccountNotActive("Buckets are made only in an active account.")
        if await self._provider.create_bucket_as(credentials, name) == "taken":
            raise BucketNameTaken(name)
        await self._audit(events.BUCKET_CREATE, actor, name, account_id, ip)
        listed = {bucket.name: bucket for bucket in await self._provider.list_buckets_as(credentials)}
        return listed.get(name, BucketInfo(name=name, created_at=None))

    async def delete_empty(
        self, account_id: str, bucket: str, credentials: TemporaryCredentials, actor: str, ip: str
    ) -> None:
        """Deletes the bucket if it holds no object; BucketHoldsData (and the bucket kept) otherwise."""
        check_in_account(self._provider, account_id, bucket)
        outcome = await self._provider.delete_empty_bucket_as(credentials, bucket)
        if outcome == "missing":
            raise BucketNotInAccount(bucket)
        if outcome == "holds-data":
            raise BucketHoldsData(bucket)
        # A bucket made again under this name is a new bucket: it starts without the old one's quota or grants.
        await self._quotas.set_bucket_quota(bucket, None)
        await self._grants.forget_bucket(account_id, bucket)
        await self._audit(events.BUCKET_DELETE, actor, bucket, account_id, ip)

    async def _audit(self, action: str, actor: str, bucket: str, account_id: str, ip: str) -> None:
        await self._auditor.record(
            AuditEvent(action=action, actor=actor, result="success", target=bucket, account_id=account_id, ip=ip)
        )
