"""The people API's models."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from coffer.store.users import Role
from coffer.users.management import UserSort, UserStatus

_STRICT = ConfigDict(extra="forbid")


class ConsoleUser(BaseModel):
    id: str
    username: str
    display_name: str
    email: str
    role: Role
    account_id: str | None
    enabled: bool
    locked_until: datetime | None
    mfa_enrolled: bool
    access_keys: int | None = Field(description="Number of access keys (people of an account, in lists).")
    must_change_password: bool
    last_sign_in_at: datetime | None
    created_at: datetime


class ConsoleUserPage(BaseModel):
    items: list[ConsoleUser]
    next_cursor: str | None


class ConsoleUserQuery(BaseModel):
    model_config = _STRICT
    q: str = Field("", max_length=128, description="Part of a username, name or email.")
    role: Role | None = None
    status: UserStatus | None = None
    sort: UserSort = "username"
    cursor: str | None = Field(None, max_length=200)
    limit: int = Field(25, ge=1, le=200)


class ConsoleUserCreate(BaseModel):
    model_config = _STRICT
    username: str = Field(min_length=2, max_length=64)
    display_name: str = Field(min_length=1, max_length=128)
    email: EmailStr
    role: Role


class ConsoleUserRole(BaseModel):
    model_config = _STRICT
    role: Role


class ConsoleUserDelete(BaseModel):
    model_config = _STRICT
    confirm_username: str = Field(min_length=1, max_length=64)
