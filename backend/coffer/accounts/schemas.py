"""The accounts API's models."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from coffer.store.accounts import AccountStatus, StepStatus

_STRICT = ConfigDict(extra="forbid")


class Bucket(BaseModel):
    name: str
    created_at: datetime | None


class BucketList(BaseModel):
    account_id: str
    items: list[Bucket]


class AccountSummary(BaseModel):
    id: str
    display_name: str
    contact_email: str
    status: AccountStatus
    created_at: datetime
    quota_bytes: int | None


class AccountPage(BaseModel):
    items: list[AccountSummary]
    next_cursor: str | None


class SagaStep(BaseModel):
    name: str
    status: StepStatus
    error: str | None
    at: datetime | None


class AccountDetail(AccountSummary):
    users: int
    buckets: int
    objects: int
    bytes_used: int
    usage_measured_at: datetime | None = Field(
        description="When the oldest figure in objects and bytes_used was measured; null: not measured yet."
    )
    unmeasured_buckets: int = Field(
        description="Buckets made since the last capacity sample: not in objects and bytes_used yet."
    )
    failed_step: str | None
    steps: list[SagaStep]
    deletion_steps: list[SagaStep] = Field(
        description="Once the account is being deleted: each step of the deletion (empty before)."
    )
    usage_error: str | None


class AccountQuery(BaseModel):
    model_config = _STRICT
    q: str = Field("", max_length=128, description="Prefix of a name, id or contact email.")
    status: AccountStatus | None = None
    sort: Literal["name", "-name", "created", "-created"] = "-created"
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(25, ge=1, le=200)


class AccountCreate(BaseModel):
    model_config = _STRICT
    id: str = Field(min_length=1, max_length=64)
    display_name: str = Field(min_length=1, max_length=128)
    contact_email: EmailStr
    quota_bytes: int | None = Field(None, ge=0)
    admin_name: str = Field(min_length=1, max_length=128)
    admin_email: EmailStr


class AccountDelete(BaseModel):
    model_config = _STRICT
    confirm_name: str = Field(max_length=128)
    purge_data: bool = False


class AccountCounts(BaseModel):
    """How many accounts there are in each status, for the staff overview."""

    by_status: dict[AccountStatus, int]
    total: int = Field(description="Every account not deleted.")
