"""The sign-in API's models."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from coffer.authorization import AccountScope, Action
from coffer.data_access import DataLevel
from coffer.store.users import Role


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LoginRequest(_Strict):
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=1024)


class SignInStep(BaseModel):
    step: Literal["change_password", "enroll_mfa", "mfa"]
    challenge: str
    expires_at: datetime
    mfa_optional: bool = Field(
        False, description="At enroll_mfa: MFA is not required here, so enrollment may be skipped."
    )


class MfaSkipRequest(_Strict):
    challenge: str = Field(min_length=1, max_length=4096)


class PasswordChangeRequest(_Strict):
    challenge: str = Field(min_length=1, max_length=4096)
    new_password: str = Field(min_length=1, max_length=1024)


class MfaEnrollRequest(_Strict):
    challenge: str = Field(min_length=1, max_length=4096)


class MfaConfirmRequest(_Strict):
    challenge: str = Field(min_length=1, max_length=4096)
    code: str = Field(min_length=1, max_length=16)


class MfaVerifyRequest(_Strict):
    challenge: str = Field(min_length=1, max_length=4096)
    code: str | None = Field(None, max_length=16)
    recovery_code: str | None = Field(None, max_length=64)


class SessionInfo(BaseModel):
    signed_in_at: datetime
    expires_at: datetime
    absolute_expires_at: datetime


class Permissions(BaseModel):
    """What the signed-in person may do, so the console offers only that; the API checks every request again."""

    actions: list[Action]
    scope: AccountScope = Field(
        description="Where the actions on an account reach: any account (staff) or only the person's own."
    )


class DataAccessView(BaseModel):
    """What the signed-in person may do with their account's data, so the console offers only that."""

    manage: bool = Field(description="Account administrators: everything, buckets and their settings too.")
    account: DataLevel = Field(description="Every bucket of the account, also those made later.")
    buckets: dict[str, DataLevel] = Field(description="Buckets where the person may do more than account-wide.")


class Me(BaseModel):
    user_id: str
    username: str
    display_name: str
    email: str
    role: Role
    account_id: str | None
    session: SessionInfo
    outbox_enabled: bool
    mfa_enrolled: bool
    permissions: Permissions
    data_access: DataAccessView | None = Field(description="The account's people only: staff reach no tenant's data.")


class SignedIn(BaseModel):
    me: Me
    recovery_codes: list[str] | None
