"""SeaweedFS through its AWS-compatible IAM, STS and S3 APIs.

SeaweedFS has one AWS account, so a Coffer account is a namespace: its buckets are named
`<account id>-…`, its IAM users `<account id>.<username>`. Account ids contain no `-` or `.`,
so one namespace can never be a prefix of another. IAM calls are made with the platform
service identity (temporary credentials cannot call IAM on SeaweedFS), always after
Coffer's own authorization check; S3 calls of account users use their STS credentials,
whose session policy allows only the namespace.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import quote

import anyio
import anyio.to_thread
import boto3
import botocore.config
import botocore.exceptions
import botocore.session
import httpx2 as httpx
from botocore.credentials import CredentialResolver

from coffer.data_access import READ_ONLY, Access, DataLevel
from coffer.embedded.seaweedfs import weed_binary
from coffer.providers.base import (
    AccessKeyInfo,
    AccountHoldsData,
    BatchDeletion,
    BucketCreation,
    BucketDeletion,
    BucketInfo,
    BucketUsage,
    CorsRule,
    DeletionFailure,
    Feature,
    GatewayReadings,
    NewAccessKey,
    NoSuchBucket,
    NoSuchObject,
    NoSuchUpload,
    ObjectDetails,
    ObjectEntry,
    ObjectListing,
    ObjectVersion,
    PolicyRefused,
    StorageAccessDenied,
    StorageFeatures,
    StorageInventory,
    StorageNotWritable,
    StorageRefused,
    StorageUnavailable,
    StoredBucketSettings,
    TemporaryCredentials,
    TrafficReading,
    UploadedPart,
    UploadPartsRefused,
    VersioningChange,
)
from coffer.providers.listing_parse import read_listings_once
from coffer.providers.seaweedfs_metrics import parse_traffic
from coffer.providers.service_credentials import RereadCredentialProvider, RereadCredentials
from coffer.providers.timestamps import use_fast_timestamps

if TYPE_CHECKING:
    from mypy_boto3_iam import IAMClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sts import STSClient

_READ_ACTIONS = [
    "s3:GetObject",
    "s3:GetObjectVersion",
    "s3:GetObjectTagging",  # the object browser shows tags to whoever may read the object
    "s3:ListBucket",
    "s3:ListAllMyBuckets",
    "s3:GetBucketLocation",
    "s3:ListBucketVersions",
]
_WRITE_ACTIONS = [
    *_READ_ACTIONS,
    # Measured: on SeaweedFS PutObject also covers every multipart call, ListParts and Abort included; its
    # IAM refuses s3:ListMultipartUploadParts and s3:ListBucketMultipartUploads as "not a valid action".
    "s3:PutObject",
    "s3:PutObjectTagging",
    "s3:AbortMultipartUpload",
]
_DELETE_ACTIONS = [*_WRITE_ACTIONS, "s3:DeleteObject", "s3:DeleteObjectVersion"]
_ACTIONS: dict[DataLevel, list[str]] = {
    "read": _READ_ACTIONS,
    "read-write": _WRITE_ACTIONS,
    "read-write-delete": _DELETE_ACTIONS,
}
_TEMPORARY_CLIENTS_KEPT = 256
_READ_CHUNK = 1024 * 1024

_log = logging.getLogger("coffer.providers")
_WRITABLE_WAIT_SECONDS = 5.0  # volume growth takes 0.04–0.24 s; a lost volume server lasts


# Measured against SeaweedFS 4.48 with an account admin's STS credentials, and held to it by
# tests/providers/test_seaweedfs_s3_features.py: an upgrade that changes one fails a test there.
SEAWEEDFS_FEATURES = StorageFeatures(
    versioning=Feature(True),
    lifecycle=Feature(
        False,
        "SeaweedFS 4.48 stores lifecycle rules but does not apply them when objects are written (they get"
        " no expiry), and leaves deleting to a daily background job that Coffer cannot watch or confirm,"
        " so rules you set here might never delete anything.",
    ),
    cors=Feature(True),
    bucket_tags=Feature(True),
    object_tags=Feature(True),
    object_lock=Feature(True),
    bucket_policy=Feature(True),
    presigned_urls=Feature(True),
    multipart_upload=Feature(True),
)


def bucket_prefix(account_id: str) -> str:
    return f"{account_id}-"


def iam_user_name(account_id: str, username: str) -> str:
    return f"{account_id}.{username}"


def session_policy(account_id: str, access: Access) -> str:
    """The policy of a person's storage identity (the session policy of their temporary credentials, and
    their keys' user policy): allows only, inside the account's namespace only.

    Measured on SeaweedFS 4.48: ListBuckets answers only the buckets the policy reaches, so a member sees
    exactly the buckets granted; a session policy needs at least one statement, so "nothing" is an allow
    on a bucket name that cannot exist (a name may not end in `-`).
    """
    prefix = bucket_prefix(account_id)
    statements: list[dict[str, Any]] = []
    if access.manage:
        statements.append(_allow("s3:*", [f"{prefix}*"]))
    else:
        if access.account != "none":
            statements.append(_allow(_ACTIONS[access.account], [f"{prefix}*"]))
        raised: dict[DataLevel, list[str]] = {}
        for bucket in sorted(access.buckets):
            if not bucket.startswith(prefix):
                raise ValueError(f"bucket {bucket!r} lies outside account {account_id}")
            level = access.level_in(bucket)
            if level != access.account:
                raised.setdefault(level, []).append(bucket)
        statements += [_allow(_ACTIONS[level], buckets) for level, buckets in raised.items()]
    if not statements:
        statements.append(_allow("s3:GetBucketLocation", [prefix]))
    return json.dumps({"Version": "2012-10-17", "Statement": statements})


def _allow(actions: str | list[str], buckets: list[str]) -> dict[str, Any]:
    return {
        "Effect": "Allow",
        "Action": actions,
        "Resource": [arn for bucket in buckets for arn in (f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*")],
    }


def _is_server_fault(error: botocore.exceptions.ClientError) -> bool:
    status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 500)
    return int(status) >= 500


class SeaweedFSProvider:
    def __init__(
        self,
        endpoint: str,
        region: str,
        access_key: str,
        secret_key: str,
        console_role_arn: str,
        metrics_urls: Collection[str] = (),
        shell_master: str | None = None,
        shell_filer: str | None = None,
        key_files: tuple[Path, Path] | None = None,
    ) -> None:
        self._endpoint = endpoint
        self._metrics_urls = list(metrics_urls)
        self._shell = (shell_master, shell_filer) if shell_master and shell_filer else None
        self._http = httpx.AsyncClient(timeout=5.0)
        self._region = region
        self._role_arn = console_role_arn
        self._config = botocore.config.Config(
            retries={"max_attempts": 2, "mode": "standard"},
            connect_timeout=3,
            read_timeout=15,
            max_pool_connections=32,
        )
        core = botocore.session.Session()
        use_fast_timestamps(core)
        read_listings_once(core)
        if key_files is not None:
            # The key lives in files that an operator rotates under the running instance.
            core.register_component(
                "credential_provider", CredentialResolver([RereadCredentialProvider(RereadCredentials(*key_files))])
            )
            key_id, secret = None, None
        else:
            key_id, secret = access_key, secret_key
        self._session = boto3.session.Session(botocore_session=core)
        self._iam: IAMClient = self._session.client(
            "iam",
            endpoint_url=endpoint,
            region_name=region,
            config=self._config,
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
        )
        self._sts: STSClient = self._session.client(
            "sts",
            endpoint_url=endpoint,
            region_name=region,
            config=self._config,
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
        )
        self._s3: S3Client = self._session.client(
            "s3",
            endpoint_url=endpoint,
            region_name=region,
            config=self._config,
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
        )
        self._temporary: OrderedDict[str, S3Client] = OrderedDict()
        self._signers: OrderedDict[str, S3Client] = OrderedDict()
        self._lock = threading.Lock()

    async def _call(self, function: Any, /, **kwargs: Any) -> Any:
        def run() -> Any:
            try:
                return function(**kwargs)
            except botocore.exceptions.ClientError as error:
                if _is_server_fault(error):
                    raise StorageUnavailable(str(error)) from error
                raise StorageRefused(str(error)) from error
            except botocore.exceptions.BotoCoreError as error:
                raise StorageUnavailable(str(error)) from error

        return await anyio.to_thread.run_sync(run)

    async def ping(self) -> None:
        await self._call(self._s3.list_buckets)

    async def create_account(self, account_id: str) -> None:
        """On SeaweedFS the namespace needs nothing created; the call checks the system answers."""
        await self.ping()

    async def create_account_user(self, account_id: str, username: str, access: Access) -> None:
        name = iam_user_name(account_id, username)
        try:
            await self._call(
                self._iam.create_user, UserName=name, Tags=[{"Key": "coffer-account", "Value": account_id}]
            )
        except StorageRefused as error:
            if "EntityAlreadyExists" not in str(error):
                raise
        await self._call(
            self._iam.put_user_policy,
            UserName=name,
            PolicyName="coffer-account",
            PolicyDocument=session_policy(account_id, access),
        )

    async def assume_console_role(
        self, account_id: str, username: str, access: Access, duration_seconds: int
    ) -> TemporaryCredentials:
        answer = await self._call(
            self._sts.assume_role,
            RoleArn=self._role_arn,
            RoleSessionName=iam_user_name(account_id, username),
            DurationSeconds=duration_seconds,
            Policy=session_policy(account_id, access),
        )
        return _temporary(answer)

    async def assume_object_reader(
        self, account_id: str, username: str, bucket: str, key: str, duration_seconds: int
    ) -> TemporaryCredentials:
        """A session policy allowing GetObject on one ARN."""
        statements = [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/{key}"}]
        return await self._assume_reader(account_id, username, bucket, key, statements, duration_seconds)

    async def assume_folder_reader(
        self, account_id: str, username: str, bucket: str, prefix: str, duration_seconds: int
    ) -> TemporaryCredentials:
        """GetObject under the prefix, and ListBucket only with an `s3:prefix` inside it (SeaweedFS 4.48
        enforces the condition: listing the bucket's top or a sibling folder is refused)."""
        if not prefix.endswith("/"):
            raise ValueError("a folder's prefix ends in /")
        statements: list[dict[str, Any]] = [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/{prefix}*"},
            {
                "Effect": "Allow",
                "Action": "s3:ListBucket",
                "Resource": f"arn:aws:s3:::{bucket}",
                "Condition": {"StringLike": {"s3:prefix": [f"{prefix}*"]}},
            },
        ]
        return await self._assume_reader(account_id, username, bucket, prefix, statements, duration_seconds)

    async def _assume_reader(
        self,
        account_id: str,
        username: str,
        bucket: str,
        name: str,
        statements: list[dict[str, Any]],
        duration_seconds: int,
    ) -> TemporaryCredentials:
        """`*` and `?` in an ARN are wildcards with no escape, so a name holding one could match others
        too, and is refused."""
        if not bucket.startswith(bucket_prefix(account_id)):
            raise ValueError(f"bucket {bucket!r} lies outside account {account_id}")
        if "*" in name or "?" in name:
            raise ValueError("a name holding * or ? cannot be named exactly by a policy")
        answer = await self._call(
            self._sts.assume_role,
            RoleArn=self._role_arn,
            RoleSessionName=iam_user_name(account_id, username),
            DurationSeconds=duration_seconds,
            Policy=json.dumps({"Version": "2012-10-17", "Statement": statements}),
        )
        return _temporary(answer)

    def _client_for(self, credentials: TemporaryCredentials) -> S3Client:
        """Clients for temporary credentials are reused while they live (creating one costs milliseconds)."""
        with self._lock:
            client = self._temporary.get(credentials.access_key_id)
            if client is None:
                client = self._session.client(
                    "s3",
                    endpoint_url=self._endpoint,
                    region_name=self._region,
                    config=self._config,
                    aws_access_key_id=credentials.access_key_id,
                    aws_secret_access_key=credentials.secret_access_key,
                    aws_session_token=credentials.session_token,
                )
                self._temporary[credentials.access_key_id] = client
                while len(self._temporary) > _TEMPORARY_CLIENTS_KEPT:
                    self._temporary.popitem(last=False)
            else:
                self._temporary.move_to_end(credentials.access_key_id)
            return client

    async def list_buckets_as(self, credentials: TemporaryCredentials) -> list[BucketInfo]:
        answer = await self._call(self._client_for(credentials).list_buckets)
        return [_bucket(entry) for entry in answer.get("Buckets", [])]

    async def list_account_buckets(self, account_id: str) -> list[BucketInfo]:
        answer = await self._call(self._s3.list_buckets)
        prefix = bucket_prefix(account_id)
        return [_bucket(entry) for entry in answer.get("Buckets", []) if entry["Name"].startswith(prefix)]

    async def ensure_console_access(self, account_id: str) -> None:
        """The console role is declared in SeaweedFS's IAM config; this proves it can be assumed for the account."""
        await self.assume_console_role(account_id, "provisioning", READ_ONLY, 900)

    async def _account_bucket_names(self, account_id: str) -> list[str]:
        return [bucket.name for bucket in await self.list_account_buckets(account_id)]

    async def usage_of_bucket(self, bucket: str) -> BucketUsage:
        """Logical sizes by listing: SeaweedFS's volume statistics count compressed chunks, not objects."""
        pages = self._s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)

        def count() -> BucketUsage:
            found = total = listed = 0
            for page in pages:
                listed += 1
                for entry in page.get("Contents", []):
                    found += 1
                    total += int(entry.get("Size", 0))
            return BucketUsage(bytes_used=total, objects=found, list_requests=listed)

        return cast(BucketUsage, await self._call(count))

    def account_of_bucket(self, bucket: str) -> str | None:
        account_id, dash, _ = bucket.partition("-")
        return account_id if dash and account_id else None

    async def read_traffic(self) -> GatewayReadings:
        """Each gateway's own metrics endpoint, read at once (SeaweedFS's counters carry no gateway
        label: with two gateways, one endpoint shows about half the traffic). One gateway down leaves
        the others' figures; its requests show once it answers again."""
        readings: dict[str, TrafficReading] = {}
        failures: dict[str, str] = {}

        async def one(url: str) -> None:
            try:
                answer = await self._http.get(url)
                answer.raise_for_status()
                readings[url] = parse_traffic(answer.text)
            except httpx.HTTPError as error:
                failures[url] = str(error) or type(error).__name__

        async with anyio.create_task_group() as group:
            for url in self._metrics_urls:
                group.start_soon(one, url)
        if failures and not readings:
            raise StorageUnavailable("metrics: " + "; ".join(f"{url}: {why}" for url, why in failures.items()))
        for url, why in failures.items():
            _log.warning("metering: gateway metrics %s unreachable, its requests count later: %s", url, why)
        return GatewayReadings(readings, frozenset(failures))

    async def bucket_usage(self, buckets: Collection[str] | None = None) -> dict[str, BucketUsage]:
        """Counted by listing: `s3.bucket.list` reports volume statistics (compressed sizes, chunks), far
        from what S3 clients see (measured: 4,780 for 49,000 logical bytes), and no object counts."""
        names = list(buckets) if buckets is not None else await self.bucket_names()
        limit = anyio.Semaphore(8)
        usage: dict[str, BucketUsage] = {}

        async def one(name: str) -> None:
            async with limit:
                with contextlib.suppress(StorageRefused):  # deleted between the listing and now
                    usage[name] = await self.usage_of_bucket(name)

        async with anyio.create_task_group() as group:
            for name in names:
                group.start_soon(one, name)
        return usage

    async def inventory(self) -> StorageInventory:
        users: dict[str, set[str]] = {}
        for user in (await self._call(self._iam.list_users)).get("Users", []):
            account_id, dot, username = user["UserName"].partition(".")  # account ids hold no dot
            if dot:
                users.setdefault(account_id, set()).add(username)
        buckets = {entry["Name"] for entry in (await self._call(self._s3.list_buckets)).get("Buckets", [])}
        return StorageInventory(users=users, buckets=buckets)

    async def _account_iam_users(self, account_id: str) -> list[str]:
        prefix = iam_user_name(account_id, "")
        answer = await self._call(self._iam.list_users)
        return [user["UserName"] for user in answer.get("Users", []) if user["UserName"].startswith(prefix)]

    async def account_access_keys(self, account_id: str) -> dict[str, list[AccessKeyInfo]]:
        prefix = iam_user_name(account_id, "")
        found: dict[str, list[AccessKeyInfo]] = {}
        for iam_user in await self._account_iam_users(account_id):
            found[iam_user[len(prefix) :]] = await self._keys_of(iam_user)
        return found

    async def set_keys_active(self, account_id: str, keys: list[tuple[str, str]], active: bool) -> None:
        for username, access_key_id in keys:
            try:
                await self._call(
                    self._iam.update_access_key,
                    UserName=iam_user_name(account_id, username),
                    AccessKeyId=access_key_id,
                    Status="Active" if active else "Inactive",
                )
            except StorageRefused as error:
                if "NoSuchEntity" not in str(error):
                    raise

    async def list_access_keys(self, account_id: str, username: str) -> list[AccessKeyInfo]:
        return await self._keys_of(iam_user_name(account_id, username))

    async def _keys_of(self, iam_user: str) -> list[AccessKeyInfo]:
        listing = await self._call(self._iam.list_access_keys, UserName=iam_user)
        return [
            AccessKeyInfo(
                access_key_id=key["AccessKeyId"],
                active=key.get("Status") == "Active",
                created_at=key["CreateDate"].timestamp() if key.get("CreateDate") else None,
            )
            for key in listing.get("AccessKeyMetadata", [])
        ]

    async def create_access_key(self, account_id: str, username: str) -> NewAccessKey:
        created = await self._call(self._iam.create_access_key, UserName=iam_user_name(account_id, username))
        key = created["AccessKey"]
        return NewAccessKey(
            access_key_id=key["AccessKeyId"],
            secret_access_key=key["SecretAccessKey"],
            created_at=key["CreateDate"].timestamp() if key.get("CreateDate") else None,
        )

    async def set_access_key_active(self, account_id: str, username: str, access_key_id: str, active: bool) -> None:
        await self._own_key(account_id, username, access_key_id)
        await self._call(
            self._iam.update_access_key,
            UserName=iam_user_name(account_id, username),
            AccessKeyId=access_key_id,
            Status="Active" if active else "Inactive",
        )

    async def delete_access_key(self, account_id: str, username: str, access_key_id: str) -> None:
        await self._own_key(account_id, username, access_key_id)
        await self._call(
            self._iam.delete_access_key, UserName=iam_user_name(account_id, username), AccessKeyId=access_key_id
        )

    async def _own_key(self, account_id: str, username: str, access_key_id: str) -> None:
        """IAM on some stores acts on a key id whatever user is named; check it is this user's first."""
        if access_key_id not in {key.access_key_id for key in await self.list_access_keys(account_id, username)}:
            raise StorageRefused(f"NoSuchEntity: no access key {access_key_id} for this user")

    async def delete_account_user(self, account_id: str, username: str) -> None:
        await self._delete_iam_user(iam_user_name(account_id, username))

    async def _delete_iam_user(self, iam_user: str) -> None:
        try:
            keys = await self._call(self._iam.list_access_keys, UserName=iam_user)
        except StorageRefused as error:
            if "NoSuchEntity" in str(error):
                return
            raise
        for key in keys.get("AccessKeyMetadata", []):
            await self._call(self._iam.delete_access_key, UserName=iam_user, AccessKeyId=key["AccessKeyId"])
        policies = await self._call(self._iam.list_user_policies, UserName=iam_user)
        for policy in policies.get("PolicyNames", []):
            await self._call(self._iam.delete_user_policy, UserName=iam_user, PolicyName=policy)
        await self._call(self._iam.delete_user, UserName=iam_user)

    async def namespace_contents(self, account_id: str) -> list[str]:
        buckets = await self._account_bucket_names(account_id)
        return sorted([*buckets, *await self._account_iam_users(account_id)])

    async def account_holds_data(self, account_id: str) -> bool:
        for name in await self._account_bucket_names(account_id):
            listing = await self._call(self._s3.list_objects_v2, Bucket=name, MaxKeys=1)
            if listing.get("KeyCount", 0):
                return True
        return False

    async def delete_account_buckets(self, account_id: str, purge_data: bool) -> None:
        if not purge_data and await self.account_holds_data(account_id):
            raise AccountHoldsData(f"a bucket of {account_id} holds objects")
        for name in await self._account_bucket_names(account_id):
            await self._empty_bucket(name)
            try:
                await self._call(self._s3.delete_bucket, Bucket=name)
            except StorageRefused as error:
                if "NoSuchBucket" not in str(error):
                    raise

    async def delete_account_identities(self, account_id: str) -> None:
        for user in await self._account_iam_users(account_id):
            await self._delete_iam_user(user)

    async def _empty_bucket(self, name: str) -> None:
        """Deletes every object, a thousand at a time. A batch in which nothing could be deleted
        ends the purge with the storage system's reason instead of listing the same keys for ever."""
        while True:
            try:
                listing = await self._call(self._s3.list_objects_v2, Bucket=name, MaxKeys=1000)
            except StorageRefused as error:
                if "NoSuchBucket" in str(error):
                    return
                raise
            keys = [{"Key": entry["Key"]} for entry in listing.get("Contents", [])]
            if not keys:
                return
            answer = await self._call(self._s3.delete_objects, Bucket=name, Delete={"Objects": keys, "Quiet": True})
            failed = answer.get("Errors", [])
            if len(failed) >= len(keys):
                first = failed[0]
                raise StorageRefused(
                    f"{len(failed)} objects of {name} could not be deleted, e.g. {first.get('Key')!r}: "
                    f"{first.get('Code')} {first.get('Message', '')}".strip()
                )

    async def set_bucket_writable(self, bucket: str, writable: bool) -> None:
        """A filer location rule marks the bucket read-only (`fs.configure`, what `s3.bucket.quota.enforce`
        does itself): PUT then fails with 500 InternalError, GET and DELETE still work. Coffer decides
        when, from logical sizes: SeaweedFS's own enforcement measures compressed volume sizes."""
        prefix = f"/buckets/{bucket}/"
        change = "-delete" if writable else "-readOnly=true"
        output = await self._weed_shell(f"fs.configure -locationPrefix={prefix} {change} -apply")
        if (f'"{prefix}"' in output) == writable:  # the shell prints the configuration now in force
            raise StorageUnavailable(f"weed shell did not apply {change} to {prefix}: {output[-300:]}")

    async def _ensure_writable(self, bucket: str) -> None:
        """Refuses within seconds a write the storage cannot take. Measured on a cluster (3 volume
        servers, replication 001) with one left: a PUT hangs 30 s and answers 500, three times over
        with boto3's retries, while the master's `/dir/assign` for the bucket's collection says "no
        writable volumes" in 0.2 s. A healthy master says the same for a moment while it grows a new
        collection's volumes (seen with three uploads starting at once into a new bucket), so only
        a refusal that lasts `_WRITABLE_WAIT_SECONDS` counts."""
        if self._shell is None:  # without the master's address, writes go ahead and wait
            return
        deadline = anyio.current_time() + _WRITABLE_WAIT_SECONDS
        while True:
            try:
                answer = await self._http.get(f"http://{self._shell[0]}/dir/assign", params={"collection": bucket})
            except httpx.HTTPError as error:
                raise StorageUnavailable(f"master: {error}") from error
            if answer.status_code == 200:
                return
            if anyio.current_time() >= deadline:
                _log.warning("master refuses to assign in %s: %s", bucket, answer.text[:300])
                raise StorageNotWritable(answer.text[:300])
            await anyio.sleep(0.25)

    async def _weed_shell(self, command: str) -> str:
        if self._shell is None:
            raise StorageRefused("quota enforcement needs COFFER_SEAWEEDFS_MASTER and COFFER_SEAWEEDFS_FILER")
        master, filer = self._shell
        try:
            with anyio.fail_after(30):
                done = await anyio.run_process(
                    [weed_binary(), "shell", f"-master={master}", f"-filer={filer}"],
                    input=f"{command}\n".encode(),
                    check=False,
                )
        except TimeoutError as error:
            raise StorageUnavailable(f"weed shell timed out: {command}") from error
        output = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        if done.returncode != 0:
            raise StorageUnavailable(f"weed shell failed ({done.returncode}): {command}: {output[-500:]}")
        return output

    async def close(self) -> None:
        with self._lock:
            self._temporary.clear()
            self._signers.clear()
        await self._http.aclose()

    async def bucket_names(self) -> list[str]:
        answer = await self._call(self._s3.list_buckets)
        return [entry["Name"] for entry in answer.get("Buckets", [])]

    def bucket_prefix(self, account_id: str) -> str:
        return bucket_prefix(account_id)

    async def create_bucket_as(self, credentials: TemporaryCredentials, bucket: str) -> BucketCreation:
        """Measured: a session policy of "manage" lets CreateBucket through under the account's prefix only
        (AccessDenied elsewhere); an existing name answers BucketAlreadyExists, or BucketAlreadyOwnedByYou
        when the console role made it (every console session shares that owner)."""
        try:
            await self._call(self._client_for(credentials).create_bucket, Bucket=bucket)
        except StorageRefused as error:
            if "BucketAlreadyExists" in str(error) or "BucketAlreadyOwnedByYou" in str(error):
                return "taken"
            raise
        return "created"

    async def delete_empty_bucket_as(self, credentials: TemporaryCredentials, bucket: str) -> BucketDeletion:
        """Measured: SeaweedFS's DeleteBucket deletes a bucket that still holds objects (204, objects gone),
        so emptiness is checked first. An object written between the check and the delete is deleted
        with the bucket: the window is one round trip."""
        s3 = self._client_for(credentials)
        try:
            listing = await self._call(s3.list_objects_v2, Bucket=bucket, MaxKeys=1)
            if listing.get("KeyCount", 0):
                return "holds-data"
            await self._call(s3.delete_bucket, Bucket=bucket)
        except StorageRefused as error:
            if "NoSuchBucket" in str(error):
                return "missing"
            if "BucketNotEmpty" in str(error):
                return "holds-data"
            raise
        return "deleted"

    @property
    def features(self) -> StorageFeatures:
        return SEAWEEDFS_FEATURES

    @property
    def policy_mark(self) -> str:
        return hashlib.sha256(json.dumps(_ACTIONS, sort_keys=True).encode()).hexdigest()[:16]

    async def _object_call(self, function: Any, /, **kwargs: Any) -> Any:
        """A tenant's object call, its refusals told apart (a missing bucket, object, or a denial)."""
        try:
            return await self._call(function, **kwargs)
        except StorageRefused as error:
            raise _object_refusal(error) from error

    async def list_objects_as(
        self, credentials: TemporaryCredentials, bucket: str, prefix: str, limit: int, token: str | None
    ) -> ObjectListing:
        page: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "Delimiter": "/", "MaxKeys": limit}
        if token is not None:
            page["ContinuationToken"] = token
        answer = await self._object_call(self._client_for(credentials).list_objects_v2, **page)
        return ObjectListing(
            folders=[entry["Prefix"] for entry in answer.get("CommonPrefixes", [])],
            objects=[_entry(entry) for entry in answer.get("Contents", [])],
            next_token=answer.get("NextContinuationToken") if answer.get("IsTruncated") else None,
        )

    async def object_details_as(self, credentials: TemporaryCredentials, bucket: str, key: str) -> ObjectDetails:
        client = self._client_for(credentials)
        head = await self._object_call(client.head_object, Bucket=bucket, Key=key)
        tagging = await self._object_call(client.get_object_tagging, Bucket=bucket, Key=key)
        modified = head.get("LastModified")
        return ObjectDetails(
            key=key,
            size=int(head.get("ContentLength", 0)),
            content_type=head.get("ContentType"),
            etag=head.get("ETag", "").strip('"'),
            last_modified=modified.timestamp() if modified else None,
            metadata=dict(head.get("Metadata", {})),
            tags={tag["Key"]: tag["Value"] for tag in tagging.get("TagSet", [])},
        )

    async def download_link_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, filename: str, seconds: int, endpoint: str
    ) -> str:
        """SigV4 only: SeaweedFS refuses the legacy link signature made with a session token (403
        InvalidAccessKeyId). The link is signed for `endpoint`, the host the browser will send."""

        def sign() -> str:
            return self._link_signer(credentials, endpoint).generate_presigned_url(
                "get_object",
                Params={"Bucket": bucket, "Key": key, "ResponseContentDisposition": _attachment(filename)},
                ExpiresIn=seconds,
            )

        return cast(str, await self._call(sign))

    async def walk_objects_as(
        self, credentials: TemporaryCredentials, bucket: str, prefix: str, limit: int
    ) -> list[ObjectEntry]:
        found: list[ObjectEntry] = []
        token: str | None = None
        while len(found) < limit:
            page: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": min(1000, limit - len(found))}
            if token is not None:
                page["ContinuationToken"] = token
            answer = await self._object_call(self._client_for(credentials).list_objects_v2, **page)
            found += [_entry(entry) for entry in answer.get("Contents", [])]
            token = answer.get("NextContinuationToken") if answer.get("IsTruncated") else None
            if token is None:
                break
        return found[:limit]

    async def read_object_as(self, credentials: TemporaryCredentials, bucket: str, key: str) -> AsyncIterator[bytes]:
        answer = await self._object_call(self._client_for(credentials).get_object, Bucket=bucket, Key=key)
        body = answer["Body"]
        try:
            while chunk := await self._call(body.read, amt=_READ_CHUNK):
                yield chunk
        finally:
            body.close()

    # Bucket settings, object versions and deleting many objects, as the person (see base.py).

    async def _setting_or_empty(self, absent: str, function: Any, /, **kwargs: Any) -> Any:
        """A bucket setting read; the storage system's "never set" answer (`absent`) reads as None."""
        try:
            return await self._call(function, **kwargs)
        except StorageRefused as error:
            if _error_code(error) == absent:
                return None
            raise _object_refusal(error) from error

    async def bucket_settings_as(self, credentials: TemporaryCredentials, bucket: str) -> StoredBucketSettings:
        """Measured: a setting never set answers 404 with its own code (NoSuchCORSConfiguration, NoSuchTagSet,
        ObjectLockConfigurationNotFoundError, NoSuchBucketPolicy); versioning never turned on answers no Status."""
        s3 = self._client_for(credentials)
        versioning = await self._object_call(s3.get_bucket_versioning, Bucket=bucket)
        cors = await self._setting_or_empty("NoSuchCORSConfiguration", s3.get_bucket_cors, Bucket=bucket)
        tags = await self._setting_or_empty("NoSuchTagSet", s3.get_bucket_tagging, Bucket=bucket)
        lock = await self._setting_or_empty(
            "ObjectLockConfigurationNotFoundError", s3.get_object_lock_configuration, Bucket=bucket
        )
        policy = await self._setting_or_empty("NoSuchBucketPolicy", s3.get_bucket_policy, Bucket=bucket)
        status = str(versioning.get("Status", "")).lower()
        return StoredBucketSettings(
            versioning="enabled" if status == "enabled" else "suspended" if status == "suspended" else "off",
            cors=[_cors_rule(rule) for rule in (cors or {}).get("CORSRules", [])],
            tags={tag["Key"]: tag["Value"] for tag in (tags or {}).get("TagSet", [])},
            object_lock=(lock or {}).get("ObjectLockConfiguration", {}).get("ObjectLockEnabled") == "Enabled",
            policy=(policy or {}).get("Policy") or None,
        )

    async def set_versioning_as(self, credentials: TemporaryCredentials, bucket: str, status: VersioningChange) -> None:
        await self._object_call(
            self._client_for(credentials).put_bucket_versioning,
            Bucket=bucket,
            VersioningConfiguration={"Status": "Enabled" if status == "enabled" else "Suspended"},
        )

    async def set_cors_as(self, credentials: TemporaryCredentials, bucket: str, rules: list[CorsRule]) -> None:
        s3 = self._client_for(credentials)
        if not rules:
            await self._object_call(s3.delete_bucket_cors, Bucket=bucket)  # measured: fine when none is set
            return
        await self._object_call(
            s3.put_bucket_cors, Bucket=bucket, CORSConfiguration={"CORSRules": [_cors_document(rule) for rule in rules]}
        )

    async def set_bucket_tags_as(self, credentials: TemporaryCredentials, bucket: str, tags: dict[str, str]) -> None:
        s3 = self._client_for(credentials)
        if not tags:
            await self._object_call(s3.delete_bucket_tagging, Bucket=bucket)
            return
        tag_set = [{"Key": key, "Value": value} for key, value in tags.items()]
        await self._object_call(s3.put_bucket_tagging, Bucket=bucket, Tagging={"TagSet": tag_set})

    async def set_bucket_policy_as(self, credentials: TemporaryCredentials, bucket: str, policy: str | None) -> None:
        """Measured: deleting a policy that is not there answers NoSuchBucketPolicy, which is what was asked."""
        s3 = self._client_for(credentials)
        if policy is None:
            await self._setting_or_empty("NoSuchBucketPolicy", s3.delete_bucket_policy, Bucket=bucket)
            return
        try:
            await self._call(s3.put_bucket_policy, Bucket=bucket, Policy=policy)
        except StorageRefused as error:
            if _error_code(error) in ("MalformedPolicy", "InvalidPolicyDocument"):
                raise PolicyRefused(_error_message(error) or "The policy document is invalid.") from error
            raise _object_refusal(error) from error

    async def object_versions_as(self, credentials: TemporaryCredentials, bucket: str, key: str) -> list[ObjectVersion]:
        """Listed by prefix, which also finds longer keys (`k` finds `kk`): only the exact key is kept.

        Measured on SeaweedFS 4.48: when a key has more versions than a page holds and longer keys share
        its prefix, a page ends with some of those longer keys and the key's remaining versions never come
        on the next page (its NextKeyMarker has moved past the key). So each next page starts again right
        after the last version of this key seen: a key's versions are listed in version id order, "null"
        last, and the listing ends on a page that holds none of them.
        """
        s3 = self._client_for(credentials)
        found: dict[str, ObjectVersion] = {}
        page: dict[str, Any] = {"Bucket": bucket, "Prefix": key}
        while True:
            answer = await self._object_call(s3.list_object_versions, **page)
            mine = [
                _version(entry, delete_marker=marker)
                for marker, entries in ((False, answer.get("Versions", [])), (True, answer.get("DeleteMarkers", [])))
                for entry in entries
                if entry["Key"] == key
            ]
            fresh = [version for version in mine if version.version_id not in found]
            found.update((version.version_id, version) for version in fresh)
            if not answer.get("IsTruncated") or not fresh:
                break
            last = max(version.version_id for version in mine)
            page = {"Bucket": bucket, "Prefix": key, "KeyMarker": key, "VersionIdMarker": last}
        # Dates have whole seconds; within one, SeaweedFS's ids (inverted clocks) sort newest first.
        return sorted(
            found.values(),
            key=lambda version: (not version.latest, -(version.last_modified or 0.0), version.version_id),
        )

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
        def sign() -> str:
            return self._link_signer(credentials, endpoint).generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": bucket,
                    "Key": key,
                    "VersionId": version_id,
                    "ResponseContentDisposition": _attachment(filename),
                },
                ExpiresIn=seconds,
            )

        return cast(str, await self._call(sign))

    async def restore_version_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, version_id: str
    ) -> None:
        """Measured: a copy of an unknown version answers NoSuchKey; a member's "write" policy allows the copy."""
        await self._ensure_writable(bucket)
        await self._object_call(
            self._client_for(credentials).copy_object,
            Bucket=bucket,
            Key=key,
            CopySource={"Bucket": bucket, "Key": key, "VersionId": version_id},
        )

    async def list_keys_as(
        self, credentials: TemporaryCredentials, bucket: str, prefix: str, token: str | None
    ) -> tuple[list[str], str | None]:
        page: dict[str, Any] = {"Bucket": bucket, "Prefix": prefix, "MaxKeys": 1000}
        if token is not None:
            page["ContinuationToken"] = token
        answer = await self._object_call(self._client_for(credentials).list_objects_v2, **page)
        keys = [entry["Key"] for entry in answer.get("Contents", [])]
        return keys, answer.get("NextContinuationToken") if answer.get("IsTruncated") else None

    async def delete_objects_as(self, credentials: TemporaryCredentials, bucket: str, keys: list[str]) -> BatchDeletion:
        """Measured: a key that does not exist is reported deleted (and, when versioning is on, gets a marker)."""
        if not keys:
            return BatchDeletion(deleted=[], delete_markers=0, failed=[])
        answer = await self._object_call(
            self._client_for(credentials).delete_objects,
            Bucket=bucket,
            Delete={"Objects": [{"Key": key} for key in keys], "Quiet": False},
        )
        deleted = answer.get("Deleted", [])
        return BatchDeletion(
            deleted=[entry["Key"] for entry in deleted],
            delete_markers=sum(1 for entry in deleted if entry.get("DeleteMarker")),
            failed=[
                DeletionFailure(key=entry.get("Key", ""), code=entry.get("Code", ""), message=entry.get("Message", ""))
                for entry in answer.get("Errors", [])
            ],
        )

    # Uploads: measured on 4.48, with the console role's "write" session policy (s3:PutObject covers
    # create, part, complete and ListParts): part numbers 1–10,000, parts under 5 MiB but the last
    # refused at completion (EntityTooSmall), aborting an upload twice answers 204 both times.
    def _link_signer(self, credentials: TemporaryCredentials, endpoint: str) -> S3Client:
        """A client that signs links for `endpoint` with SigV4 (the legacy signature is refused with a
        session token, see `download_link_as`); it is never used to call anything. Kept while the
        credentials live, as `_client_for` keeps its clients: making one costs milliseconds, and an upload
        asks for a link per part."""
        cache_key = f"{credentials.access_key_id} {endpoint}"
        with self._lock:  # making a client from the shared session is not thread-safe
            signer = self._signers.get(cache_key)
            if signer is None:
                signer = self._session.client(
                    "s3",
                    endpoint_url=endpoint,
                    region_name=self._region,
                    config=self._config.merge(
                        botocore.config.Config(signature_version="s3v4", s3={"addressing_style": "path"})
                    ),
                    aws_access_key_id=credentials.access_key_id,
                    aws_secret_access_key=credentials.secret_access_key,
                    aws_session_token=credentials.session_token,
                )
                self._signers[cache_key] = signer
                while len(self._signers) > _TEMPORARY_CLIENTS_KEPT:
                    self._signers.popitem(last=False)
            else:
                self._signers.move_to_end(cache_key)
            return signer

    async def start_multipart_upload_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, content_type: str
    ) -> str:
        await self._ensure_writable(bucket)
        client = self._client_for(credentials)
        answer = await self._upload_call(
            client.create_multipart_upload, Bucket=bucket, Key=key, ContentType=content_type
        )
        return str(answer["UploadId"])

    async def upload_link_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, content_type: str, seconds: int, endpoint: str
    ) -> str:
        await self._ensure_writable(bucket)

        def sign() -> str:
            return self._link_signer(credentials, endpoint).generate_presigned_url(
                "put_object", Params={"Bucket": bucket, "Key": key, "ContentType": content_type}, ExpiresIn=seconds
            )

        return cast(str, await self._call(sign))

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
        def sign() -> str:
            return self._link_signer(credentials, endpoint).generate_presigned_url(
                "upload_part",
                Params={"Bucket": bucket, "Key": key, "UploadId": upload_id, "PartNumber": part_number},
                ExpiresIn=seconds,
            )

        return cast(str, await self._call(sign))

    async def uploaded_parts_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, upload_id: str
    ) -> list[UploadedPart]:
        """Measured: a part sent twice is listed twice (each copy a file of its own); completing with one
        copy's ETag takes that copy. So the newest copy of each part stands, as in S3. Dates have whole
        seconds, so two copies sent within one second tie (the first listed stands): a browser sends a
        part number's bytes again only as the same slice of the same file, so tied copies are equal."""
        client = self._client_for(credentials)
        newest: dict[int, tuple[float, UploadedPart]] = {}
        marker = 0
        while True:
            page = await self._upload_call(
                client.list_parts, Bucket=bucket, Key=key, UploadId=upload_id, PartNumberMarker=marker
            )
            for entry in page.get("Parts", []):
                part = UploadedPart(
                    part_number=int(entry["PartNumber"]),
                    size=int(entry.get("Size", 0)),
                    etag=str(entry.get("ETag", "")).strip('"'),
                )
                modified = entry["LastModified"].timestamp() if entry.get("LastModified") else 0.0
                if part.part_number not in newest or modified > newest[part.part_number][0]:
                    newest[part.part_number] = (modified, part)
            following = int(page.get("NextPartNumberMarker") or 0)
            if not page.get("IsTruncated") or following <= marker:
                return [newest[number][1] for number in sorted(newest)]
            marker = following

    async def complete_multipart_upload_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, upload_id: str, parts: list[UploadedPart]
    ) -> str:
        answer = await self._upload_call(
            self._client_for(credentials).complete_multipart_upload,
            Bucket=bucket,
            Key=key,
            UploadId=upload_id,
            MultipartUpload={"Parts": [{"PartNumber": part.part_number, "ETag": f'"{part.etag}"'} for part in parts]},
        )
        return str(answer.get("ETag", "")).strip('"')

    async def abort_multipart_upload_as(
        self, credentials: TemporaryCredentials, bucket: str, key: str, upload_id: str
    ) -> None:
        try:
            await self._upload_call(
                self._client_for(credentials).abort_multipart_upload, Bucket=bucket, Key=key, UploadId=upload_id
            )
        except NoSuchUpload:
            return

    async def create_folder_as(self, credentials: TemporaryCredentials, bucket: str, prefix: str) -> None:
        await self._object_call(self._client_for(credentials).put_object, Bucket=bucket, Key=prefix, Body=b"")

    async def _upload_call(self, function: Any, /, **kwargs: Any) -> Any:
        """An upload's call, its refusals told apart: a gone upload, parts that cannot be joined, the rest."""
        try:
            return await self._call(function, **kwargs)
        except StorageRefused as error:
            code = _error_code(error)
            if code == "NoSuchUpload":
                raise NoSuchUpload(str(error)) from error
            if code in ("EntityTooSmall", "InvalidPart", "InvalidPartOrder"):
                raise UploadPartsRefused(str(error)) from error
            raise _object_refusal(error) from error

    async def purge_batch(self, bucket: str) -> int:
        """Measured on SeaweedFS 4.48: ListObjectVersions lists a non-versioned bucket's objects too (VersionId
        "null") and DeleteObjects deletes them by that id; in a versioned bucket, deleting the current objects
        leaves delete markers, which the version pass deletes with the older versions. A quiet DeleteObjects
        reports only failures, and an unknown version id is no failure: so the version pass lists again
        after deleting, and versions still listed count as failed. DeleteBucket deletes a bucket that
        still holds objects (the purge does not rely on it: Ceph RGW refuses)."""
        try:
            listing = await self._call(self._s3.list_objects_v2, Bucket=bucket, MaxKeys=1000)
            batch: list[dict[str, str]] = [{"Key": entry["Key"]} for entry in listing.get("Contents", [])]
            by_version = not batch
            if by_version:
                batch = await self._version_batch(bucket)
            if not batch:
                return 0
            answer = await self._call(self._s3.delete_objects, Bucket=bucket, Delete={"Objects": batch, "Quiet": True})
            failed = list(answer.get("Errors", []))
            if by_version:
                kept = {(entry["Key"], entry["VersionId"]) for entry in await self._version_batch(bucket)}
                reported = {(entry.get("Key"), entry.get("VersionId")) for entry in failed}
                failed += [
                    {"Key": entry["Key"], "Code": "NotDeleted", "Message": "still listed after DeleteObjects"}
                    for entry in batch
                    if (entry["Key"], entry["VersionId"]) in kept - reported
                ]
        except StorageRefused as error:
            if "NoSuchBucket" in str(error):
                return 0
            raise
        if len(failed) >= len(batch):
            first = failed[0]
            raise StorageRefused(
                f"{len(failed)} objects of {bucket} could not be deleted, e.g. {first.get('Key')!r}: "
                f"{first.get('Code')} {first.get('Message', '')}".strip()
            )
        return len(batch) - len(failed)

    async def _version_batch(self, bucket: str) -> list[dict[str, str]]:
        """Up to a thousand versions and delete markers, each named by key and version id."""
        versions = await self._call(self._s3.list_object_versions, Bucket=bucket, MaxKeys=1000)
        entries = [*versions.get("Versions", []), *versions.get("DeleteMarkers", [])]
        return [{"Key": entry["Key"], "VersionId": entry["VersionId"]} for entry in entries][:1000]

    async def delete_bucket(self, bucket: str) -> None:
        try:
            await self._call(self._s3.delete_bucket, Bucket=bucket)
        except StorageRefused as error:
            if "NoSuchBucket" not in str(error):
                raise


def _temporary(answer: Any) -> TemporaryCredentials:
    issued = answer["Credentials"]
    return TemporaryCredentials(
        access_key_id=issued["AccessKeyId"],
        secret_access_key=issued["SecretAccessKey"],
        session_token=issued["SessionToken"],
        expires_at=issued["Expiration"].timestamp(),
    )


def _entry(entry: Any) -> ObjectEntry:
    return ObjectEntry(
        key=entry["Key"],
        size=int(entry.get("Size", 0)),
        last_modified=entry["LastModified"].timestamp() if entry.get("LastModified") else None,
        etag=entry.get("ETag", "").strip('"'),
    )


def _bucket(entry: Any) -> BucketInfo:
    created = entry.get("CreationDate")
    return BucketInfo(name=entry["Name"], created_at=created.timestamp() if created else None)


def _object_refusal(error: StorageRefused) -> StorageRefused:
    cause = error.__cause__
    code = ""
    if isinstance(cause, botocore.exceptions.ClientError):
        code = str(cause.response.get("Error", {}).get("Code", ""))
    if code == "NoSuchBucket":
        return NoSuchBucket(str(error))
    if code in ("NoSuchKey", "404", "NotFound"):  # HEAD answers carry no body, so only the status
        return NoSuchObject(str(error))
    if code in ("AccessDenied", "403", "Forbidden"):
        return StorageAccessDenied(str(error))
    return error


def _error_code(error: StorageRefused) -> str:
    cause = error.__cause__
    if isinstance(cause, botocore.exceptions.ClientError):
        return str(cause.response.get("Error", {}).get("Code", ""))
    return ""


def _error_message(error: StorageRefused) -> str:
    """The storage system's own words, without the SDK's wrapping around them."""
    cause = error.__cause__
    if isinstance(cause, botocore.exceptions.ClientError):
        return str(cause.response.get("Error", {}).get("Message", ""))
    return ""


def _cors_rule(rule: Any) -> CorsRule:
    return CorsRule(
        allowed_origins=list(rule.get("AllowedOrigins", [])),
        allowed_methods=list(rule.get("AllowedMethods", [])),
        allowed_headers=list(rule.get("AllowedHeaders", [])),
        expose_headers=list(rule.get("ExposeHeaders", [])),
        max_age_seconds=rule.get("MaxAgeSeconds"),
    )


def _cors_document(rule: CorsRule) -> Any:
    document: dict[str, Any] = {"AllowedOrigins": rule.allowed_origins, "AllowedMethods": list(rule.allowed_methods)}
    if rule.allowed_headers:
        document["AllowedHeaders"] = rule.allowed_headers
    if rule.expose_headers:
        document["ExposeHeaders"] = rule.expose_headers
    if rule.max_age_seconds is not None:
        document["MaxAgeSeconds"] = rule.max_age_seconds
    return document


def _version(entry: Any, delete_marker: bool) -> ObjectVersion:
    modified = entry.get("LastModified")
    return ObjectVersion(
        version_id=str(entry.get("VersionId") or "null"),
        size=int(entry.get("Size", 0)),
        last_modified=modified.timestamp() if modified else None,
        etag=str(entry.get("ETag", "")).strip('"'),
        latest=bool(entry.get("IsLatest")),
        delete_marker=delete_marker,
    )


def _attachment(filename: str) -> str:
    """Content-Disposition naming the file: an ASCII fallback, and the exact name in RFC 6266's filename*."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{fallback or 'download'}\"; filename*=UTF-8''{quote(filename, safe='')}"
