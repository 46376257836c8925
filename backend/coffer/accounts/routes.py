"""HTTP of accounts: for now, an account's buckets."""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.requests import Request

from coffer.accounts.schemas import Bucket, BucketList
from coffer.api.context import services
from coffer.api.operations import Operation
from coffer.api.problems import ProblemError
from coffer.api.session_guard import session_of, user_of
from coffer.authorization import Action, authorize, is_platform_role
from coffer.providers.base import BucketInfo, TemporaryCredentials


async def _user_credentials(request: Request) -> TemporaryCredentials:
    """The session's STS credentials, obtained again when missing or close to expiry."""
    svc = services(request)
    claims = session_of(request)
    credentials = await svc.credentials.current(claims.sid)
    if credentials is not None:
        return credentials
    user = user_of(request)
    if user.account_id is None:
        raise ProblemError(403, "forbidden", "Not allowed", "You belong to no account.")
    return await svc.credentials.obtain(
        claims.sid, user.account_id, user.username, user.role, svc.sessions.absolute_end(claims)
    )


async def list_account_buckets(request: Request, body: None) -> BucketList:
    svc = services(request)
    claims = session_of(request)
    account_id = request.path_params["account_id"]
    authorize(claims, Action.BUCKETS_READ, account_id)
    if await svc.accounts.get(account_id) is None:
        raise ProblemError(404, "account-not-found", "No such account", f"There is no account {account_id!r}.")
    buckets: list[BucketInfo]
    if is_platform_role(claims.role):
        buckets = await svc.accounts.buckets_as_platform(account_id)
    else:
        buckets = await svc.accounts.buckets_as_user(await _user_credentials(request))
    return BucketList(
        account_id=account_id,
        items=[
            Bucket(
                name=bucket.name,
                created_at=datetime.fromtimestamp(bucket.created_at, tz=UTC) if bucket.created_at else None,
            )
            for bucket in buckets
        ],
    )


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/accounts/{account_id}/buckets",
        "listAccountBuckets",
        "The account's buckets, listed with the signed-in user's temporary credentials",
        list_account_buckets,
        "accounts",
        response=BucketList,
        errors=(403, 404, 503),
    ),
]
