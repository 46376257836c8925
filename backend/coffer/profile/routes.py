"""HTTP of a person's own profile: change password, set up TOTP later, new recovery codes."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.device_cookie import device_token
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import session_of, user_of
from coffer.authorization import Action
from coffer.profile.service import Profile
from coffer.verification.schemas import MfaEnrollment

_STRICT = ConfigDict(extra="forbid")


class OwnPasswordChange(BaseModel):
    model_config = _STRICT
    current_password: str = Field(min_length=1, max_length=1024)
    new_password: str = Field(min_length=1, max_length=1024)


class RecoveryCodesRequest(BaseModel):
    model_config = _STRICT
    code: str = Field(min_length=1, max_length=16)


class RecoveryCodes(BaseModel):
    recovery_codes: list[str]


class OwnMfaStart(BaseModel):
    model_config = _STRICT
    current_password: str = Field(min_length=1, max_length=1024)


class OwnMfaConfirm(BaseModel):
    model_config = _STRICT
    code: str = Field(min_length=1, max_length=16)


async def start_own_mfa_enrollment(request: Request, body: OwnMfaStart) -> MfaEnrollment:
    enrollment = await service_of(request, Profile).start_mfa_enrollment(
        user_of(request), body.current_password, client_ip(request), device_token(request)
    )
    return MfaEnrollment(secret=enrollment.secret, otpauth_uri=enrollment.otpauth_uri, qr_svg=enrollment.qr_svg)


async def confirm_own_mfa_enrollment(request: Request, body: OwnMfaConfirm) -> RecoveryCodes:
    codes = await service_of(request, Profile).confirm_mfa_enrollment(
        user_of(request), body.code, client_ip(request), device_token(request)
    )
    return RecoveryCodes(recovery_codes=codes)


async def change_own_password(request: Request, body: OwnPasswordChange) -> None:
    request.state.renewed = await service_of(request, Profile).change_password(
        session_of(request),
        user_of(request),
        body.current_password,
        body.new_password,
        client_ip(request),
        device_token(request),
    )


async def new_recovery_codes(request: Request, body: RecoveryCodesRequest) -> RecoveryCodes:
    codes = await service_of(request, Profile).new_recovery_codes(
        user_of(request), body.code, client_ip(request), device_token(request)
    )
    return RecoveryCodes(recovery_codes=codes)


TAG = "profile"
OPERATIONS = [
    Operation(
        "POST",
        "/api/v1/me/password",
        "changeOwnPassword",
        "Change your password (the current one is needed); your other sessions end",
        change_own_password,
        TAG,
        action=Action.OWN_PROFILE,
        body=OwnPasswordChange,
        status=204,
        errors=(422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/me/recovery-codes",
        "newRecoveryCodes",
        "Ten new recovery codes for a TOTP code; the old ones stop working",
        new_recovery_codes,
        TAG,
        action=Action.OWN_PROFILE,
        body=RecoveryCodesRequest,
        response=RecoveryCodes,
        errors=(401, 422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/me/mfa/enrollment",
        "startOwnMfaEnrollment",
        "Set up TOTP now (the current password is needed): a new secret and QR code",
        start_own_mfa_enrollment,
        TAG,
        action=Action.OWN_PROFILE,
        body=OwnMfaStart,
        response=MfaEnrollment,
        errors=(409, 422, 429),
    ),
    Operation(
        "POST",
        "/api/v1/me/mfa/enrollment/confirm",
        "confirmOwnMfaEnrollment",
        "Confirm the new TOTP secret with a first code; returns recovery codes",
        confirm_own_mfa_enrollment,
        TAG,
        action=Action.OWN_PROFILE,
        body=OwnMfaConfirm,
        response=RecoveryCodes,
        errors=(401, 409, 422, 429),
    ),
]
