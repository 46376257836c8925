"""HTTP of sign-in, sign-out and `me`."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from coffer.api.context import service_of, wiring
from coffer.api.device_cookie import device_token, write_device_cookie
from coffer.api.operations import Operation, client_ip
from coffer.api.problems import ProblemError
from coffer.api.session_guard import session_of, user_of
from coffer.api.times import utc
from coffer.auth.schemas import (
    DataAccessView,
    LoginRequest,
    Me,
    MfaConfirmRequest,
    MfaEnrollRequest,
    MfaSkipRequest,
    MfaVerifyRequest,
    PasswordChangeRequest,
    Permissions,
    SessionInfo,
    SignedIn,
    SignInStep,
)
from coffer.auth.service import Challenge, OpenedSession, SignIn
from coffer.authorization import Action, account_scope, allowed_actions, storage_access
from coffer.sessions.claims import SessionClaims
from coffer.sessions.cookies import SessionCookie
from coffer.sessions.registry import SessionRegistry
from coffer.sessions.service import Sessions
from coffer.store.users import Role, UserRecord
from coffer.verification.schemas import MfaEnrollment


def _step(challenge: Challenge) -> SignInStep:
    return SignInStep(
        step=challenge.step,
        challenge=challenge.token,
        expires_at=utc(challenge.expires_at),
        mfa_optional=challenge.mfa_optional,
    )


def me_of(request: Request, user: UserRecord, claims: SessionClaims) -> Me:
    end = service_of(request, Sessions).absolute_end(claims)
    return Me(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        email=user.email,
        role=user.role,
        account_id=user.account_id,
        outbox_enabled=wiring(request).settings.dev_mode and user.role == "platform-admin",
        mfa_enrolled=user.totp_secret_sealed is not None,
        permissions=Permissions(actions=allowed_actions(claims.role), scope=account_scope(claims.role)),
        data_access=_data_access(claims.role, user),
        session=SessionInfo(
            signed_in_at=utc(claims.auth_time), expires_at=utc(claims.exp), absolute_expires_at=utc(end)
        ),
    )


def _data_access(role: Role, user: UserRecord) -> DataAccessView | None:
    if user.account_id is None:
        return None
    access = storage_access(role, user.data_grant)
    return DataAccessView(
        manage=access.manage,
        account="read-write-delete" if access.manage else access.account,
        buckets=dict(access.buckets),
    )


async def _signed_in(request: Request, opened: OpenedSession) -> Response:
    svc = wiring(request)
    await svc.get(SessionRegistry).opened(opened.claims, request.headers.get("user-agent", ""), client_ip(request))
    body = SignedIn(me=me_of(request, opened.user, opened.claims), recovery_codes=opened.recovery_codes)
    response = JSONResponse(body.model_dump(mode="json"))
    svc.get(SessionCookie).write(response, opened.token, opened.claims.exp - int(svc.clock.now()))
    if opened.device_token:
        write_device_cookie(request, response, opened.device_token)
    return response


async def sign_in(request: Request, body: LoginRequest) -> SignInStep:
    challenge = await service_of(request, SignIn).with_password(
        body.username, body.password, client_ip(request), device_token(request)
    )
    return _step(challenge)


async def change_initial_password(request: Request, body: PasswordChangeRequest) -> SignInStep:
    svc = wiring(request)
    return _step(await svc.get(SignIn).change_initial_password(body.challenge, body.new_password, client_ip(request)))


async def start_mfa_enrollment(request: Request, body: MfaEnrollRequest) -> MfaEnrollment:
    enrollment = await service_of(request, SignIn).start_enrollment(body.challenge)
    return MfaEnrollment(secret=enrollment.secret, otpauth_uri=enrollment.otpauth_uri, qr_svg=enrollment.qr_svg)


async def confirm_mfa_enrollment(request: Request, body: MfaConfirmRequest) -> Response:
    opened = await service_of(request, SignIn).confirm_enrollment(
        body.challenge, body.code, client_ip(request), device_token(request)
    )
    return await _signed_in(request, opened)


async def skip_mfa_enrollment(request: Request, body: MfaSkipRequest) -> Response:
    opened = await service_of(request, SignIn).skip_enrollment(
        body.challenge, client_ip(request), device_token(request)
    )
    return await _signed_in(request, opened)


async def verify_mfa(request: Request, body: MfaVerifyRequest) -> Response:
    if bool(body.code) == bool(body.recovery_code):
        raise ProblemError(
            422, "validation", "Invalid request", "Give either an authentication code or a recovery code."
        )
    opened = await service_of(request, SignIn).with_second_factor(
        body.challenge, body.code, body.recovery_code, client_ip(request), device_token(request)
    )
    return await _signed_in(request, opened)


async def sign_out(request: Request, body: None) -> Response:
    svc = wiring(request)
    await svc.get(SignIn).sign_out(session_of(request), client_ip(request))
    await svc.get(SessionRegistry).forget(session_of(request).sub, session_of(request).sid)
    request.state.signed_out = True
    response = Response(status_code=204)
    svc.get(SessionCookie).clear(response)
    return response


async def sign_out_everywhere(request: Request, body: None) -> Response:
    svc = wiring(request)
    await svc.get(SignIn).sign_out_everywhere(session_of(request), client_ip(request))
    await svc.get(SessionRegistry).forget_all(session_of(request).sub)
    request.state.signed_out = True
    response = Response(status_code=204)
    svc.get(SessionCookie).clear(response)
    return response


async def get_me(request: Request, body: None) -> Me:
    return me_of(request, user_of(request), session_of(request))


TAG = "auth"
OPERATIONS = [
    Operation(
        "POST",
        "/api/v1/auth/login",
        "signIn",
        "Check username and password; start the sign-in steps",
        sign_in,
        TAG,
        body=LoginRequest,
        response=SignInStep,
        public=True,
        errors=(401, 429),
    ),
    Operation(
        "POST",
        "/api/v1/auth/password",
        "changeInitialPassword",
        "Replace the one-time password",
        change_initial_password,
        TAG,
        body=PasswordChangeRequest,
        response=SignInStep,
        public=True,
        errors=(401,),
    ),
    Operation(
        "POST",
        "/api/v1/auth/mfa/enrollment",
        "startMfaEnrollment",
        "Get a new TOTP secret and QR code",
        start_mfa_enrollment,
        TAG,
        body=MfaEnrollRequest,
        response=MfaEnrollment,
        public=True,
        errors=(401,),
    ),
    Operation(
        "POST",
        "/api/v1/auth/mfa/enrollment/confirm",
        "confirmMfaEnrollment",
        "Confirm the TOTP secret with a first code; opens the session and returns recovery codes",
        confirm_mfa_enrollment,
        TAG,
        body=MfaConfirmRequest,
        response=SignedIn,
        public=True,
        errors=(401, 429),
    ),
    Operation(
        "POST",
        "/api/v1/auth/mfa/enrollment/skip",
        "skipMfaEnrollment",
        "Set up MFA later; allowed only where neither the platform nor the account requires it",
        skip_mfa_enrollment,
        TAG,
        body=MfaSkipRequest,
        response=SignedIn,
        public=True,
        errors=(401, 403),
    ),
    Operation(
        "POST",
        "/api/v1/auth/mfa",
        "verifyMfa",
        "Second factor (TOTP or recovery code); opens the session",
        verify_mfa,
        TAG,
        body=MfaVerifyRequest,
        response=SignedIn,
        public=True,
        errors=(401, 429),
    ),
    Operation(
        "POST",
        "/api/v1/auth/logout",
        "signOut",
        "End this session",
        sign_out,
        TAG,
        status=204,
        action=Action.OWN_PROFILE,
    ),
    Operation(
        "POST",
        "/api/v1/auth/logout-all",
        "signOutEverywhere",
        "End every session of the user",
        sign_out_everywhere,
        TAG,
        action=Action.OWN_PROFILE,
        status=204,
    ),
    Operation(
        "GET",
        "/api/v1/me",
        "getMe",
        "Who is signed in, and until when",
        get_me,
        TAG,
        response=Me,
        action=Action.OWN_PROFILE,
    ),
]
