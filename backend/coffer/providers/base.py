"""What Coffer needs from a storage system, whatever it is (SeaweedFS now, Ceph RGW accounts later).

Every method is a coroutine. Methods that create things are idempotent: calling one twice
leaves the same state as calling it once, so provisioning steps can be retried.
All failures of the storage system surface as `StorageUnavailable` or `StorageRefused`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from coffer.data_access import Access
from coffer.domain_errors import DomainError

BucketCreation = Literal["created", "taken"]
BucketDeletion = Literal["deleted", "missing", "holds-data"]


class StorageUnavailable(DomainError):
    """The storage system could not be reached or answered with a server error."""

    status, slug, title = 503, "storage-unavailable", "Storage unavailable"
    detail = "The storage system is not answering right now. Please try again shortly."
    log_warning = "storage unavailable"

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": "5"}


class StorageNotWritable(StorageUnavailable):
    """Too few storage servers are up to keep the copies a new object needs: reads work, writes would hang."""

    slug, title = "storage-not-writable", "Storage cannot take new data now"
    detail = (
        "The storage system cannot store new data right now: too few of its servers are up. Nothing was "
        "written, and reading works. Please try again shortly."
    )
    log_warning = "storage not writable"

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": "30"}


class StorageRefused(DomainError):
    """The storage system refused the call (access denied, invalid name, ...)."""

    status, slug, title = 502, "storage-refused", "Storage refused the request"
    detail = "The storage system refused this request."
    log_warning: ClassVar[str | None] = "storage refused"


class AccountHoldsData(StorageRefused):
    """Deleting the account would delete objects, and purging was not asked for."""

    status, slug, title = 409, "account-holds-data", "The account still holds data"
    detail = "Its buckets still hold objects. Choose to delete all data too, or empty them first."
    log_warning = None  # the client's choice to make, not a fault of the storage system


@dataclass(frozen=True)
class TemporaryCredentials:
    """STS credentials; they stay on the server and never reach the browser."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    expires_at: float

    def __repr__(self) -> str:
        return f"TemporaryCredentials(access_key_id={self.access_key_id!r}, expires_at={self.expires_at})"


@dataclass(frozen=True)
class AccessKeyInfo:
    access_key_id: str
    active: bool
    created_at: float | None


@dataclass(frozen=True)
class NewAccessKey:
    """A just-created permanent key: its secret exists only in this answer, never stored by Coffer."""

    access_key_id: str
    secret_access_key: str
    created_at: float | None

    def __repr__(self) -> str:
        return f"NewAccessKey(access_key_id={self.access_key_id!r})"


@dataclass(frozen=True)
class BucketInfo:
    name: str
    created_at: float | None


LIST = "LIST"
OPERATIONS = ("PUT", "GET", "DELETE", LIST, "OTHER")


@dataclass(frozen=True)
class BucketTraffic:
    """A bucket's request counters since the storage system started; they restart at zero with it."""

    requests: dict[str, int]  # one of OPERATIONS -> requests
    bytes_in: int
    bytes_out: int
    latency_seconds_sum: float
    latency_buckets: dict[str, int]  # upper bound in seconds (Prometheus `le`, "+Inf" last) -> cumulative count


@dataclass(frozen=True)
class TrafficReading:
    """One gateway's reading of every bucket's counters; `started_at` changes when that gateway restarted."""

    started_at: float | None
    buckets: dict[str, BucketTraffic]


@dataclass(frozen=True)
class GatewayReadings:
    """A reading of every S3 gateway: each counts only the requests it served and restarts on its own,
    so their counters are told apart (by gateway id) and only their differences are added up."""

    gateways: dict[str, TrafficReading]
    unreachable: frozenset[str] = frozenset()  # configured, but did not answer this time

    @property
    def started_at(self) -> float | None:
        """Changes whenever any gateway restarts (the latest start time); None without every gateway's."""
        if not self.gateways or self.unreachable:
            return None
        starts = [reading.started_at for reading in self.gateways.values()]
        return None if None in starts else max(start for start in starts if start is not None)

    def bucket(self, bucket: str) -> list[BucketTraffic]:
        """The bucket's counters on each gateway that has served it."""
        return [reading.buckets[bucket] for reading in self.gateways.values() if bucket in reading.buckets]


@dataclass(frozen=True)
class BucketUsage:
    bytes_used: int
    objects: int
    # LIST requests the count itself made: the storage system meters them like a tenant's own.
    list_requests: int = 0


@dataclass(frozen=True)
class StorageInventory:
    users: dict[str, set[str]]  # account id → usernames of its storage users
    buckets: set[str]


class StorageProvider(Protocol):
    async def ping(self) -> None:
        """Returns when the storage system answers an authenticated call; raises StorageUnavailable."""
        ...

    async def create_account(self, account_id: str) -> None:
        """Makes the account (or its namespace) exist. Idempotent."""
        ...

    async def create_account_user(self, account_id: str, username: str, access: Access) -> None:
        """Makes the storage identity of a console user exist, without access keys, with a policy that
        allows `access` inside the account only; called again, it replaces the policy. Idempotent."""
        ...

    async def assume_console_role(
        self, account_id: str, username: str, access: Access, duration_seconds: int
    ) -> TemporaryCredentials:
        """Temporary credentials confined to the account, named after the user, for `duration_seconds`."""
        ...

    async def list_buckets_as(self, credentials: TemporaryCredentials) -> list[BucketInfo]:
        """The buckets these credentials can see (the storage system enforces the account boundary)."""
        ...

    async def list_account_buckets(self, account_id: str) -> list[BucketInfo]:
        """The account's buckets as the platform sees them (service identity, for platform roles)."""
        ...

    async def ensure_console_access(self, account_id: str) -> None:
        """Makes temporary console credentials for the account obtainable (role, policies). Idempotent."""
        ...

    async def usage_of_bucket(self, bucket: str) -> BucketUsage:
        """Objects and bytes in the bucket now, counted by listing it (slow for a big bucket)."""
        ...

    async def account_access_keys(self, account_id: str) -> dict[str, list[AccessKeyInfo]]:
        """Every access key of the account's identities, by console username (status included)."""
        ...

    async def set_keys_active(self, account_id: str, keys: list[tuple[str, str]], active: bool) -> None:
        """Switches the listed (username, access key id) keys of the account on or off. Idempotent;
        a key that no longer exists is skipped."""
        ...

    async def list_access_keys(self, account_id: str, username: str) -> list[AccessKeyInfo]: ...

    async def create_access_key(self, account_id: str, username: str) -> NewAccessKey: ...

    async def set_access_key_active(self, account_id: str, username: str, access_key_id: str, active: bool) -> None:
        """Raises StorageRefused when the key is not one of this user's."""
        ...

    async def delete_access_key(self, account_id: str, username: str, access_key_id: str) -> None:
        """Raises StorageRefused when the key is not one of this user's."""
        ...

    async def delete_account_user(self, account_id: str, username: str) -> None:
        """Removes a console user's storage identity with its keys and policies. Idempotent."""
        ...

    async def namespace_contents(self, account_id: str) -> list[str]:
        """The buckets and storage users the system holds in the account's namespace (sorted), whoever
        made them: for a new account id anything here belongs to someone else."""
        ...

    async def account_holds_data(self, account_id: str) -> bool:
        """Whether any of the account's buckets holds an object."""
        ...

    async def delete_account_buckets(self, account_id: str, purge_data: bool) -> None:
        """Deletes the account's buckets; with `purge_data` their objects first.

        Raises AccountHoldsData when a bucket holds objects and purging was not asked for, and
        StorageRefused when objects could not be deleted (never loops on them). Idempotent.
        """
        ...

    async def delete_account_identities(self, account_id: str) -> None:
        """Deletes the account's storage users with their keys and policies. Idempotent."""
        ...

    def account_of_bucket(self, bucket: str) -> str | None:
        """The account a bucket belongs to, from its name; None for a bucket outside every account."""
        ...

    async def inventory(self) -> StorageInventory:
        """Every account user and bucket the storage system holds, for reconciliation with Coffer's records."""
        ...

    async def read_traffic(self) -> GatewayReadings:
        """Every bucket's cumulative request counters on every S3 gateway (one cheap read each, for a
        short metering interval); StorageUnavailable only when no gateway answers."""
        ...

    async def bucket_usage(self, buckets: Collection[str] | None = None) -> dict[str, BucketUsage]:
        """Bytes and objects of the named buckets (None: every bucket), as S3 clients count them (logical
        sizes): as costly as listing them. A named bucket that no longer exists is left out."""
        ...

    async def set_bucket_writable(self, bucket: str, writable: bool) -> None:
        """Refuses (or allows again) every write to the bucket; reads and deletes keep working."""
        ...

    async def close(self) -> None:
        """Releases connections."""
        ...

    async def bucket_names(self) -> list[str]:
        """Every bucket's name (one cheap call, whatever they hold)."""
        ...

    def bucket_prefix(self, account_id: str) -> str:
        """What every bucket name of the account starts with (its namespace; "" where accounts are real)."""
        ...

    async def create_bucket_as(self, credentials: TemporaryCredentials, bucket: str) -> BucketCreation:
        """Makes the bucket with a person's own credentials, so the storage system checks it lies in their
        account (StorageRefused when it does not). Not idempotent on purpose: a name that exists, whoever
        made it, is "taken" — bucket names are one namespace for every account."""
        ...

    async def delete_empty_bucket_as(self, credentials: TemporaryCredentials, bucket: str) -> BucketDeletion:
        """Deletes the bucket with a person's own credentials if it holds no object ("holds-data" leaves it
        as it is); "missing" when there is no such bucket. StorageRefused outside their account."""
        ...

    @property
    def features(self) -> StorageFeatures:
        """What of S3 beyond plain objects this storage system really does, measured against it
        (`tests/providers/test_<provider>_s3_features.py`), so the console offers only that."""
        ...

    async def list_objects_as(
        self, credentials: TemporaryCredentials, bucket: str, prefix: str, limit: int, token: str | None
    ) -> ObjectListing:
        """One page of the "folder" at `prefix` (delimiter `/`), in key order: at most `limit` folders and
        objects together, and the token of the next page (None on the last). Raises NoSuchBucket,
        StorageAccessDenied (outside the credentials' namespace too), StorageRefused (a bad token)."""
        ...

    async def object_details_as(self, credentials: TemporaryCredentials, bucket: str, key: str) -> ObjectDetails:
        """An object's size, type, ETag, date, user metadata and tags. Raises NoSuchBucket, NoSuchObject,
        StorageAccessDenied."""
        ...

    async def download_link_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, filename: str, seconds: int, endpoint: str
    ) -> str:
        """A presigned GET of the object at `endpoint` (the address browsers reach), made with these
        credentials, valid `seconds`, answering as an attachment named `filename`. Signs only; calls nothing."""
        ...

    async def assume_object_reader(
        self, account_id: str, username: str, bucket: str, key: str, duration_seconds: int
    ) -> TemporaryCredentials:
        """Temporary credentials that may read exactly one object and nothing else (for share links),
        named after the person who shared it. Raises ValueError for a key a policy cannot name exactly."""
        ...

    async def assume_folder_reader(
        self, account_id: str, username: str, bucket: str, prefix: str, duration_seconds: int
    ) -> TemporaryCredentials:
        """Temporary credentials that may list and read the objects under `prefix` (ending in "/") and
        nothing else (for folder share links). Raises ValueError for a prefix a policy cannot name exactly."""
        ...

    async def walk_objects_as(
        self, credentials: TemporaryCredentials, bucket: str, prefix: str, limit: int
    ) -> list[ObjectEntry]:
        """Every object under `prefix`, folders included, in key order, at most `limit` of them (so a caller
        asking for one more learns there are too many). Raises NoSuchBucket, StorageAccessDenied."""
        ...

    def read_object_as(self, credentials: TemporaryCredentials, bucket: str, key: str) -> AsyncIterator[bytes]:
        """The object's bytes in chunks of at most a MiB, as they arrive: never the whole object at once."""
        ...

    @property
    def policy_mark(self) -> str:
        """Names what the policies this provider writes allow; it changes when they do, so stored
        policies are written again after an upgrade."""
        ...

    # Bucket settings, object versions and deleting many objects: each made with a person's own
    # credentials, so the storage system checks a second time that the bucket is theirs to change.

    async def bucket_settings_as(self, credentials: TemporaryCredentials, bucket: str) -> StoredBucketSettings:
        """The bucket's versioning, CORS rules, tags, object lock and policy, each read from the storage system
        (a setting never set reads as its empty value). Raises NoSuchBucket, StorageAccessDenied."""
        ...

    async def set_versioning_as(self, credentials: TemporaryCredentials, bucket: str, status: VersioningChange) -> None:
        """Turns versioning on, or suspends it (versions kept stay). Idempotent. Raises NoSuchBucket,
        StorageAccessDenied, StorageRefused (an object-lock bucket cannot be suspended)."""
        ...

    async def set_cors_as(self, credentials: TemporaryCredentials, bucket: str, rules: list[CorsRule]) -> None:
        """Replaces the bucket's CORS rules; no rules removes them. Idempotent."""
        ...

    async def set_bucket_tags_as(self, credentials: TemporaryCredentials, bucket: str, tags: dict[str, str]) -> None:
        """Replaces the bucket's tags; no tags removes them. Idempotent."""
        ...

    async def set_bucket_policy_as(self, credentials: TemporaryCredentials, bucket: str, policy: str | None) -> None:
        """Replaces the bucket's policy document (JSON text); None removes it. Idempotent. Raises
        PolicyRefused, with the storage system's reason, when it finds the document invalid."""
        ...

    async def object_versions_as(self, credentials: TemporaryCredentials, bucket: str, key: str) -> list[ObjectVersion]:
        """Every version and delete marker of exactly this key, newest first (an unversioned object has
        one version, "null"). Raises NoSuchBucket, StorageAccessDenied."""
        ...

    async def version_download_link_as(
        self,
        credentials: TemporaryCredentials,
        bucket: str,
        key: str,
        version_id: str,
        filename: str,
        seconds: int,
        endpoint: str,
    ) -> str:
        """As `download_link_as`, for one version of the object. Signs only; calls nothing."""
        ...

    async def restore_version_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, version_id: str
    ) -> None:
        """Copies the version over the key inside the storage system, so it becomes the latest again (the
        versions between stay). Raises NoSuchObject (no such version), StorageAccessDenied."""
        ...

    async def list_keys_as(
        self, credentials: TemporaryCredentials, bucket: str, prefix: str, token: str | None
    ) -> tuple[list[str], str | None]:
        """One page (up to 1000) of every key under `prefix`, folders included, and the next page's token."""
        ...

    async def delete_objects_as(self, credentials: TemporaryCredentials, bucket: str, keys: list[str]) -> BatchDeletion:
        """Deletes up to 1000 keys in one call (in a versioned bucket each gets a delete marker instead), and
        says which were deleted and which refused, with the storage system's reason."""
        ...

    # Uploads: the browser sends the bytes straight to the storage system with links these sign.
    async def start_multipart_upload_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, content_type: str
    ) -> str:
        """Starts a multipart upload of `key` with these credentials and returns its upload id. Raises
        NoSuchBucket, StorageAccessDenied."""
        ...

    async def upload_link_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, content_type: str, seconds: int, endpoint: str
    ) -> str:
        """A presigned PUT of the whole object at `endpoint`, valid `seconds`, which must be sent with this
        Content-Type (it is signed). Signs only; calls nothing."""
        ...

    async def upload_part_link_as(
        self,
        credentials: TemporaryCredentials,
        bucket: str,
        key: str,
        upload_id: str,
        part_number: int,
        seconds: int,
        endpoint: str,
    ) -> str:
        """A presigned PUT of one part of a multipart upload at `endpoint`, valid `seconds`. Sending a part
        again replaces it, so a failed part is retried with a new link. Signs only; calls nothing."""
        ...

    async def uploaded_parts_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, upload_id: str
    ) -> list[UploadedPart]:
        """The parts the storage system holds for the upload, in part-number order (every page of them).
        Raises NoSuchUpload (aborted, completed or never started), NoSuchBucket, StorageAccessDenied."""
        ...

    async def complete_multipart_upload_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, upload_id: str, parts: list[UploadedPart]
    ) -> str:
        """Joins the given parts (as `uploaded_parts_as` listed them) into the object and returns its ETag.
        Raises NoSuchUpload, UploadPartsRefused (a part too small or gone), StorageAccessDenied."""
        ...

    async def abort_multipart_upload_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, upload_id: str
    ) -> None:
        """Drops the upload and every part it holds. Idempotent: an upload already gone is no error."""
        ...

    async def create_folder_as(self, credentials: TemporaryCredentials, bucket: str, prefix: str) -> None:
        """Makes the empty object `prefix` (ending in "/"), which listings show as a folder. Idempotent."""
        ...

    # Purging a bucket that holds data. These run with the platform service identity, not a person's
    # temporary credentials: a purge of hundreds of thousands of objects outlives the admin's 15-minute
    # credentials. Coffer checks first that the bucket lies in the admin's account and that the admin's
    # own credentials reach it, and only then starts the purge.
    async def purge_batch(self, bucket: str) -> int:
        """Deletes up to a thousand of the bucket's objects in one call and says how many went (0 once it
        is empty, or gone): current objects first, then, when none are left, every object version and
        delete marker, so a versioned bucket empties too. A batch of which nothing could be deleted raises
        StorageRefused with the storage system's reason, so a caller repeating batches never loops for ever."""
        ...

    async def delete_bucket(self, bucket: str) -> None:
        """Deletes the (emptied) bucket. Idempotent: a bucket that is gone already is not an error. Callers
        empty it first with `purge_batch`: some storage systems refuse a non-empty bucket (Ceph RGW)."""
        ...


@dataclass(frozen=True)
class Feature:
    """One S3 feature as a console shows it: offered, or missing with a reason a person understands."""

    supported: bool
    why_not: str = ""


@dataclass(frozen=True)
class StorageFeatures:
    """The bucket and object features a console would offer, one field each."""

    versioning: Feature
    lifecycle: Feature
    cors: Feature
    bucket_tags: Feature
    object_tags: Feature
    object_lock: Feature
    bucket_policy: Feature
    presigned_urls: Feature
    multipart_upload: Feature


class BucketNotInAccount(DomainError):
    """The bucket does not exist, or not in this account: whose it is stays unsaid. Raised before any
    storage call by every capability that takes a bucket name from a client."""

    status, slug, title = 404, "bucket-not-found", "No such bucket"

    @property
    def detail(self) -> str:
        return f"The account has no bucket {self}."


def check_in_account(provider: StorageProvider, account_id: str, bucket: str) -> None:
    """Raises BucketNotInAccount unless the bucket's name puts it in the account (no storage call)."""
    if provider.account_of_bucket(bucket) != account_id:
        raise BucketNotInAccount(bucket)


class NoSuchBucket(StorageRefused):
    status, slug, title = 404, "bucket-not-found", "No such bucket"
    detail = "There is no such bucket."
    log_warning = None  # a name the client gave


class NoSuchObject(StorageRefused):
    status, slug, title = 404, "no-such-object", "No such object"
    detail = "There is no such object."
    log_warning = None


class StorageAccessDenied(StorageRefused):
    """The storage system refused these credentials this call (their policy, or the bucket's)."""

    status, slug, title = 403, "storage-access-denied", "Access denied by the storage system"
    detail = "The storage system does not let you do this."
    log_warning = None


@dataclass(frozen=True)
class ObjectEntry:
    key: str
    size: int
    last_modified: float | None
    etag: str


@dataclass(frozen=True)
class ObjectListing:
    folders: list[str]  # common prefixes, each ending in "/"
    objects: list[ObjectEntry]
    next_token: str | None


@dataclass(frozen=True)
class ObjectDetails:
    key: str
    size: int
    content_type: str | None
    etag: str
    last_modified: float | None
    metadata: dict[str, str]
    tags: dict[str, str]


VersioningStatus = Literal["off", "enabled", "suspended"]  # "off": never turned on
VersioningChange = Literal["enabled", "suspended"]  # once on, versioning can only be suspended
CorsMethod = Literal["GET", "PUT", "POST", "DELETE", "HEAD"]


@dataclass(frozen=True)
class CorsRule:
    allowed_origins: list[str]
    allowed_methods: list[CorsMethod]
    allowed_headers: list[str]
    expose_headers: list[str]
    max_age_seconds: int | None


@dataclass(frozen=True)
class StoredBucketSettings:
    """A bucket's settings as the storage system holds them."""

    versioning: VersioningStatus
    cors: list[CorsRule]
    tags: dict[str, str]
    object_lock: bool  # chosen when the bucket is made
    policy: str | None  # the JSON document as stored


@dataclass(frozen=True)
class ObjectVersion:
    version_id: str  # "null" for a version written while versioning was off or suspended
    size: int
    last_modified: float | None
    etag: str
    latest: bool
    delete_marker: bool


@dataclass(frozen=True)
class DeletionFailure:
    key: str
    code: str
    message: str


@dataclass(frozen=True)
class BatchDeletion:
    """What one DeleteObjects call did: the keys deleted and those refused."""

    deleted: list[str]
    delete_markers: int  # how many of `deleted` left a delete marker (versioned buckets)
    failed: list[DeletionFailure]


class PolicyRefused(StorageRefused):
    """The storage system found a bucket policy invalid; the text is its reason, for a person to read."""

    status, slug, title = 422, "invalid-bucket-policy", "Invalid bucket policy"
    log_warning = None  # the client's document


@dataclass(frozen=True)
class UploadedPart:
    part_number: int
    size: int
    etag: str


class NoSuchUpload(StorageRefused):
    status, slug, title = 404, "no-such-upload", "No such upload"
    detail = "There is no such upload: it was completed, cancelled, or never started."
    log_warning = None


class UploadPartsRefused(StorageRefused):
    """The storage system would not join the parts (one below its minimum size, or one missing)."""

    status, slug, title = 409, "upload-parts-refused", "The parts cannot be joined"
    detail = "The storage system refused to join the uploaded parts; upload the file again."
    log_warning = None
