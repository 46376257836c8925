"""HTTP of buckets: an account admin creates and deletes the account's buckets (listing stays in accounts)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.accounts.schemas import Bucket
from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc_or_none
from coffer.authorization import Action
from coffer.buckets.service import Buckets
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
]
