"""HTTP of "forgot password": ask for a link, look at it, use it (all without a session)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.device_cookie import device_token
from coffer.api.operations import Operation, client_ip
from coffer.auth.password_reset import PasswordReset

_STRICT = ConfigDict(extra="forbid")


class ResetAsk(BaseModel):
    model_config = _STRICT
    username: str = Field(min_length=1, max_length=128)


class ResetAsked(BaseModel):
    detail: str


class ResetToken(BaseModel):
    model_config = _STRICT
    token: str = Field(min_length=1, max_length=4096)


class ResetLinkInfo(BaseModel):
    username: str
    mfa_required: bool


class ResetComplete(BaseModel):
    model_config = _STRICT
    token: str = Field(min_length=1, max_length=4096)
    new_password: str = Field(min_length=1, max_length=1024)
    code: str | None = Field(None, max_length=16)


async def ask_reset(request: Request, body: ResetAsk) -> ResetAsked:
    await service_of(request, PasswordReset).ask(body.username, client_ip(request))
    return ResetAsked(
        detail="If that username is known, a link to choose a new password was mailed to its address. "
        "It is valid for 30 minutes."
    )


async def inspect_reset(request: Request, body: ResetToken) -> ResetLinkInfo:
    link = await service_of(request, PasswordReset).inspect(body.token)
    return ResetLinkInfo(username=link.username, mfa_required=link.mfa_required)


async def complete_reset(request: Request, body: ResetComplete) -> None:
    await service_of(request, PasswordReset).complete(
        body.token, body.new_password, body.code, client_ip(request), device_token(request)
    )


TAG = "auth"
OPERATIONS = [
    Operation(
        "POST",
        "/api/v1/auth/password-reset/ask",
        "askPasswordReset",
        "Mail a link to choose a new password",
        ask_reset,
        TAG,
        body=ResetAsk,
        response=ResetAsked,
        status=202,
        public=True,
        errors=(422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/auth/password-reset/inspect",
        "inspectPasswordReset",
        "Whose link this is and whether the TOTP code is needed",
        inspect_reset,
        TAG,
        body=ResetToken,
        response=ResetLinkInfo,
        public=True,
        errors=(410, 422),
    ),
    Operation(
        "POST",
        "/api/v1/auth/password-reset",
        "completePasswordReset",
        "Set the new password (with the TOTP code when MFA is set up); other sessions end",
        complete_reset,
        TAG,
        body=ResetComplete,
        status=204,
        public=True,
        errors=(401, 410, 422, 429),
    ),
]
