"""A bucket's settings as its account's admins see and change them, always with their own credentials.

The storage system's declared features decide what is offered: a setting it does not support reads as
missing (with the reason) and a change to it is refused before any call. A bucket outside the account
is refused before any call too. Every change is audited.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.bucket_settings.policy_scope import policy_problem
from coffer.domain_errors import DomainError, FieldProblem
from coffer.providers.base import (
    BucketNotInAccount,
    CorsRule,
    Feature,
    NoSuchBucket,
    PolicyRefused,
    StorageFeatures,
    StorageProvider,
    StorageRefused,
    TemporaryCredentials,
    VersioningChange,
    VersioningStatus,
    check_in_account,
)

POLICY_FIELD = "document"


class FeatureUnsupported(DomainError):
    """The storage system does not do this; the problem says why, in the provider's words."""

    status, slug, title = 409, "feature-unsupported", "Not offered by this storage system"

    def __init__(self, name: str, feature: Feature) -> None:
        super().__init__(name)
        self.feature = feature

    @property
    def detail(self) -> str:
        return f"{self} is not offered here: {self.feature.why_not or 'the storage system does not support it.'}"


class InvalidBucketPolicy(DomainError):
    status, slug, title = 422, "invalid-bucket-policy", "Invalid bucket policy"

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(POLICY_FIELD, str(self)),)


class VersioningLocked(DomainError):
    status, slug, title = 409, "versioning-locked", "Versioning stays on"
    detail = "The bucket uses object lock, which keeps versioning on: it cannot be suspended."


@dataclass(frozen=True)
class BucketSettingsView:
    """What the console shows: each setting, or None where the storage system does not offer it."""

    bucket: str
    versioning: VersioningStatus | None
    cors: list[CorsRule] | None
    tags: dict[str, str] | None
    object_lock: bool | None
    policy: str | None
    features: StorageFeatures


class BucketSettings:
    def __init__(self, provider: StorageProvider, auditor: Auditor) -> None:
        self._provider = provider
        self._auditor = auditor

    def _check(self, account_id: str, bucket: str, *needed: tuple[str, Feature]) -> None:
        check_in_account(self._provider, account_id, bucket)
        for name, feature in needed:
            if not feature.supported:
                raise FeatureUnsupported(name, feature)

    async def read(self, credentials: TemporaryCredentials, account_id: str, bucket: str) -> BucketSettingsView:
        self._check(account_id, bucket)
        features = self._provider.features
        try:
            found = await self._provider.bucket_settings_as(credentials, bucket)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        return BucketSettingsView(
            bucket=bucket,
            versioning=found.versioning if features.versioning.supported else None,
            cors=found.cors if features.cors.supported else None,
            tags=found.tags if features.bucket_tags.supported else None,
            object_lock=found.object_lock if features.object_lock.supported else None,
            policy=found.policy if features.bucket_policy.supported else None,
            features=features,
        )

    async def set_versioning(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        status: VersioningChange,
        actor: str,
        ip: str,
    ) -> BucketSettingsView:
        self._check(account_id, bucket, ("Versioning", self._provider.features.versioning))
        try:
            await self._provider.set_versioning_as(credentials, bucket, status)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        except StorageRefused as error:
            if "InvalidBucketState" in str(error):
                raise VersioningLocked(bucket) from error
            raise
        await self._audit(events.BUCKET_VERSIONING, actor, bucket, account_id, ip, status)
        return await self.read(credentials, account_id, bucket)

    async def set_cors(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        rules: list[CorsRule],
        actor: str,
        ip: str,
    ) -> BucketSettingsView:
        self._check(account_id, bucket, ("CORS", self._provider.features.cors))
        try:
            await self._provider.set_cors_as(credentials, bucket, rules)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        await self._audit(events.BUCKET_CORS, actor, bucket, account_id, ip, f"{len(rules)} rules")
        return await self.read(credentials, account_id, bucket)

    async def set_tags(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        tags: dict[str, str],
        actor: str,
        ip: str,
    ) -> BucketSettingsView:
        self._check(account_id, bucket, ("Bucket tags", self._provider.features.bucket_tags))
        try:
            await self._provider.set_bucket_tags_as(credentials, bucket, tags)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        await self._audit(events.BUCKET_TAGS, actor, bucket, account_id, ip, f"{len(tags)} tags")
        return await self.read(credentials, account_id, bucket)

    async def set_policy(
        self,
        credentials: TemporaryCredentials,
        account_id: str,
        bucket: str,
        document: str | None,
        actor: str,
        ip: str,
    ) -> BucketSettingsView:
        """Stores the policy (None deletes it) once every Resource in it lies inside this bucket."""
        self._check(account_id, bucket, ("Bucket policy", self._provider.features.bucket_policy))
        if document is not None:
            problem = policy_problem(document, bucket)
            if problem is not None:
                raise InvalidBucketPolicy(problem)
        try:
            await self._provider.set_bucket_policy_as(credentials, bucket, document)
        except NoSuchBucket as error:
            raise BucketNotInAccount(bucket) from error
        except PolicyRefused as error:  # the storage system's own check, after Coffer's
            raise InvalidBucketPolicy(f"The storage system refused the policy: {error}") from error
        change = "deleted" if document is None else "set"
        await self._audit(events.BUCKET_POLICY, actor, bucket, account_id, ip, change)
        return await self.read(credentials, account_id, bucket)

    async def _audit(self, action: str, actor: str, bucket: str, account_id: str, ip: str, detail: str) -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=actor,
                result="success",
                target=bucket,
                account_id=account_id,
                ip=ip,
                detail=detail,
            )
        )
