"""The audit API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field


class AuditEvent(BaseModel):
    id: str
    at: datetime
    actor: str
    action: str
    target: str
    target_name: str | None = Field(None, description="The person the target id names, as they are called now.")
    account_id: str
    account_name: str | None = Field(None, description="The account's display name now.")
    ip: str
    result: str
    detail: str


class AuditPage(BaseModel):
    items: list[AuditEvent]
    next_cursor: str | None


class AuditQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actor: str = Field("", max_length=128)
    account_id: str = Field("", max_length=64)
    action: str = Field("", max_length=64, description="An action or its prefix, e.g. `auth.` or `account.create`.")
    since: datetime | None = None
    until: datetime | None = None
    cursor: str | None = Field(None, max_length=64, pattern=r"^\d+-\d+$")
    limit: int = Field(50, ge=1, le=500)
