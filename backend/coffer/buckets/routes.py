"""HTTP of buckets: an account admin creates and deletes the account's buckets (listing stays in accounts)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.accounts.schemas import Bucket
from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.buckets.purge import BucketPurges
from coffer.buckets.service import Buckets
from coffer.store.bucket_purges import BucketPurgeRecord
from coffer.sts.session_credentials import session_credentials


class BucketCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    suffix: str = Field(
        max_length=256,
        description="The name after the account's prefix: `photos` in account `acme` makes the bucket `acme-photos`.",
    )


async def create_bucket(request: Request, body: BucketCreate) -> Bucket:
    account_id = request.path_params["account_id"]
    created = await service_of(request, Buckets).create(
        account_id,
        body.suffix,
        await session_credentials(request),
        user_of(request).username,
        client_ip(request),
    )
    return Bucket(name=created.name, created_at=utc_or_none(created.created_at))


async def delete_bucket(request: Request, body: None) -> None:
    account_id = request.path_params["account_id"]
    await service_of(request, Buckets).delete_empty(
        account_id,
        request.path_params["bucket"],
        await session_credentials(request),
        user_of(request).username,
        client_ip(request),
    )


class BucketPurgeStart(BaseModel):
    model_config = ConfigDict(extra="forbid")
    confirm_name: str = Field(max_length=256, description="The bucket's whole name, typed to confirm.")


class BucketPurge(BaseModel):
    """A deletion of a bucket with all its data, as it runs in the background."""

    bucket: str
    state: Literal["running", "done", "failed"]
    objects_deleted: int = Field(description="Objects (and object versions) deleted so far.")
    started_at: datetime
    updated_at: datetime
    finished_at: datetime | None
    started_by: str
    error: str | None = Field(description="Why it failed, or why it waits while running; None when all is well.")


def _purge(record: BucketPurgeRecord) -> BucketPurge:
    return BucketPurge(
        bucket=record.bucket,
        state=record.state,
        objects_deleted=record.objects_deleted,
        started_at=utc(record.started_at),
        updated_at=utc(record.updated_at),
        finished_at=utc_or_none(record.finished_at),
        started_by=record.actor,
        error=record.error,
    )


async def start_bucket_purge(request: Request, body: BucketPurgeStart) -> BucketPurge:
    started = await service_of(request, BucketPurges).start(
        request.path_params["account_id"],
        request.path_params["bucket"],
        body.confirm_name,
        await session_credentials(request),
        user_of(request).username,
        client_ip(request),
    )
    return _purge(started)


async def get_bucket_purge(request: Request, body: None) -> BucketPurge:
    return _purge(
        await service_of(request, BucketPurges).get(request.path_params["account_id"], request.path_params["bucket"])
    )


TAG = "buckets"
_BUCKETS = "/api/v1/accounts/{account_id}/buckets"
OPERATIONS = [
    Operation(
        "POST",
        _BUCKETS,
        "createBucket",
        "Create a bucket in the account's namespace, with the signed-in admin's own storage credentials",
        create_bucket,
        TAG,
        body=BucketCreate,
        response=Bucket,
        status=201,
        errors=(403, 409, 422, 503),
        action=Action.BUCKETS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKETS + "/{bucket}/delete",
        "deleteBucket",
        "Delete an empty bucket of the account (one that holds objects is refused and kept)",
        delete_bucket,
        TAG,
        status=204,
        errors=(403, 404, 409, 503),
        action=Action.BUCKETS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "POST",
        _BUCKETS + "/{bucket}/purge",
        "startBucketPurge",
        "Delete a bucket with all its data, in the background; its whole name typed confirms it. Starting"
        " again while it runs answers the running deletion; after a failure, starting again retries",
        start_bucket_purge,
        TAG,
        body=BucketPurgeStart,
        response=BucketPurge,
        status=202,
        errors=(403, 404, 422, 503),
        action=Action.BUCKETS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "GET",
        _BUCKETS + "/{bucket}/purge",
        "getBucketPurge",
        "How the deletion of a bucket with all its data goes: objects deleted so far, done, or why it failed",
        get_bucket_purge,
        TAG,
        response=BucketPurge,
        errors=(403, 404),
        action=Action.BUCKETS_MANAGE,
        account_param="account_id",
    ),
]
