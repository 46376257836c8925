"""HTTP of quotas: an account's quota and usage with its buckets', set by platform admins (account) and
account admins (buckets)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.accounts.service import Accounts
from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc_or_none
from coffer.authorization import Action
from coffer.quotas.levels import QuotaLevel, is_over, quota_level, used_percent
from coffer.quotas.service import AccountQuotaState, Quotas

_STRICT = ConfigDict(extra="forbid")
_ACCOUNT = "/api/v1/accounts/{account_id}"


class _Thresholds(BaseModel):
    model_config = _STRICT
    warning_percent: int = Field(80, ge=1, le=99, description="Alert when usage reaches this share of the quota.")
    critical_percent: int = Field(90, ge=1, le=99, description="A second, louder alert; above warning_percent.")


class AccountQuotaChange(_Thresholds):
    quota_bytes: int | None = Field(description="None: no byte quota.")
    quota_objects: int | None = Field(None, description="None: no object-count quota.")


class BucketQuotaChange(_Thresholds):
    quota_bytes: int | None = Field(description="None: no quota for the bucket.")


class BucketQuota(BaseModel):
    name: str
    quota_bytes: int | None
    warning_percent: int
    critical_percent: int
    bytes_used: int | None
    objects: int | None
    used_percent: float | None = Field(description="Share of the quota used, rounded down to 0.1 %.")
    level: QuotaLevel = Field(description="How full, by the quota's own thresholds: the colour and alert level.")
    writes_blocked: bool = Field(
        description="Over a quota: the storage system refuses writes (reads and deletes work)."
    )
    writes_blocked_since: datetime | None = Field(
        description="When writes were first refused; None when they are not (or the time was not kept)."
    )


class AccountQuota(BaseModel):
    account_id: str
    quota_bytes: int | None
    quota_objects: int | None
    warning_percent: int = Field(description="Alert thresholds of the account quota, in % of it.")
    critical_percent: int
    bytes_used: int | None
    objects: int | None
    used_percent: float | None = Field(description="Share of the byte quota used, rounded down to 0.1 %.")
    level: QuotaLevel = Field(description="How full the byte quota is, by its own thresholds.")
    over_quota: bool = Field(description="More bytes or more objects than a quota allows: writes are refused.")
    sampled_at: datetime | None = Field(description="When usage was last measured; enforcement follows the samples.")
    buckets: list[BucketQuota]


def _over(used: int | None, limit: int | None) -> bool:
    return used is not None and limit is not None and is_over(used, limit)


def _answer(state: AccountQuotaState) -> AccountQuota:
    return AccountQuota(
        account_id=state.account_id,
        quota_bytes=state.quota_bytes,
        quota_objects=state.quota_objects,
        warning_percent=state.warning_percent,
        critical_percent=state.critical_percent,
        bytes_used=state.bytes_used,
        objects=state.objects,
        used_percent=used_percent(state.bytes_used, state.quota_bytes),
        level=quota_level(state.bytes_used, state.quota_bytes, state.warning_percent, state.critical_percent),
        over_quota=_over(state.bytes_used, state.quota_bytes) or _over(state.objects, state.quota_objects),
        sampled_at=utc_or_none(state.sampled_at),
        buckets=[
            BucketQuota(
                name=bucket.name,
                quota_bytes=bucket.quota_bytes,
                warning_percent=bucket.warning_percent,
                critical_percent=bucket.critical_percent,
                bytes_used=bucket.bytes_used,
                objects=bucket.objects,
                used_percent=used_percent(bucket.bytes_used, bucket.quota_bytes),
                level=quota_level(
                    bucket.bytes_used, bucket.quota_bytes, bucket.warning_percent, bucket.critical_percent
                ),
                writes_blocked=bucket.writes_blocked,
                writes_blocked_since=utc_or_none(bucket.writes_blocked_since),
            )
            for bucket in state.buckets
        ],
    )


async def get_quota(request: Request, body: None) -> AccountQuota:
    return _answer(await service_of(request, Quotas).state(request.path_params["account_id"]))


async def set_account_quota(request: Request, body: AccountQuotaChange) -> AccountQuota:
    svc = wiring(request)
    account = await svc.get(Accounts).get(request.path_params["account_id"])
    state = await svc.get(Quotas).set_account_quota(
        account,
        body.quota_bytes,
        body.quota_objects,
        (body.warning_percent, body.critical_percent),
        user_of(request).username,
        client_ip(request),
    )
    return _answer(state)


async def set_bucket_quota(request: Request, body: BucketQuotaChange) -> AccountQuota:
    state = await service_of(request, Quotas).set_bucket_quota(
        request.path_params["account_id"],
        request.path_params["bucket"],
        body.quota_bytes,
        (body.warning_percent, body.critical_percent),
        user_of(request).username,
        client_ip(request),
    )
    return _answer(state)


TAG = "quotas"
OPERATIONS = [
    Operation(
        "GET",
        _ACCOUNT + "/quota",
        "getAccountQuota",
        "The account's quotas and usage, with each bucket's",
        get_quota,
        TAG,
        response=AccountQuota,
        errors=(403,),
        action=Action.ACCOUNT_READ,
        account_param="account_id",
    ),
    Operation(
        "PUT",
        _ACCOUNT + "/quota",
        "setAccountQuota",
        "Set the account's quota (bytes, optionally objects); over it, the account's buckets refuse writes",
        set_account_quota,
        TAG,
        body=AccountQuotaChange,
        response=AccountQuota,
        errors=(403, 404, 422, 503),
        action=Action.ACCOUNT_QUOTAS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "PUT",
        _ACCOUNT + "/buckets/{bucket}/quota",
        "setBucketQuota",
        "Set a bucket's quota; over it, the bucket refuses writes",
        set_bucket_quota,
        TAG,
        body=BucketQuotaChange,
        response=AccountQuota,
        errors=(403, 404, 422, 503),
        action=Action.BUCKET_QUOTAS_MANAGE,
        account_param="account_id",
    ),
]
