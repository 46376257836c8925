"""The account-requests API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from coffer.store.requests import RequestStatus

_STRICT = ConfigDict(extra="forbid")


class AccountRequestCreate(BaseModel):
    model_config = _STRICT
    organisation: str = Field(min_length=1, max_length=200)
    account_name: str = Field(min_length=1, max_length=128)
    contact_name: str = Field(min_length=1, max_length=200)
    contact_email: EmailStr
    expected_capacity_gib: int = Field(ge=1, le=10_000_000)
    message: str = Field("", max_length=2000)


class RequestReceived(BaseModel):
    detail: str


class AccountRequestConfirm(BaseModel):
    model_config = _STRICT
    token: str = Field(min_length=1, max_length=4096)


class AccountRequest(BaseModel):
    id: str
    organisation: str
    account_name: str
    contact_name: str
    contact_email: str
    expected_capacity_gib: int
    message: str
    status: RequestStatus
    created_at: datetime
    confirmed_at: datetime | None
    decided_at: datetime | None
    decided_by: str | None
    reason: str | None
    account_id: str | None


class AccountRequestPage(BaseModel):
    items: list[AccountRequest]
    next_cursor: str | None
    pending_count: int


class AccountRequestQuery(BaseModel):
    model_config = _STRICT
    status: RequestStatus | None = None
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(25, ge=1, le=200)


class AccountRequestApprove(BaseModel):
    model_config = _STRICT
    account_id: str | None = Field(None, max_length=64)
    display_name: str | None = Field(None, max_length=128)
    quota_bytes: int | None = Field(None, ge=0)


class AccountRequestDeny(BaseModel):
    model_config = _STRICT
    reason: str = Field(min_length=1, max_length=1000)
