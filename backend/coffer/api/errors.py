"""Domain exceptions mapped to problem JSON, in one place."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from coffer.accounts.service import AccountNotFound, AccountStateConflict, AccountTaken, InvalidAccount
from coffer.api.problems import TYPE_BASE, FieldError, Problem, problem_response
from coffer.auth.password_reset import InvalidResetLink
from coffer.auth.service import (
    AccountClosed,
    InvalidChallenge,
    InvalidCode,
    InvalidCredentials,
    MfaRequired,
    WeakPassword,
)
from coffer.authorization import Forbidden
from coffer.keys.service import KeyHeldOff, KeyLimit, KeyNotFound
from coffer.keys.switch import KeysBusy
from coffer.profile.service import MfaAlreadyEnrolled, WrongCurrentPassword
from coffer.providers.base import AccountHoldsData, StorageRefused, StorageUnavailable
from coffer.provisioning.saga import IdempotencyKeyReused, ProvisioningInProgress
from coffer.quotas.service import BucketNotInAccount, InvalidThresholds, QuotaTooSmall
from coffer.requests.service import AlreadyDecided, InvalidLink, RequestNotFound
from coffer.sts.service import SessionTooShort
from coffer.users.management import AccountNotActive, NoSuchAccount, NotOnYourself, UserNotFound
from coffer.users.service import InvalidUser, UsernameTaken
from coffer.verification.enrollment import NoPendingSecret
from coffer.verification.regulation import Locked, RateLimited
from coffer.verification.step_up import StepUpMissing

_log = logging.getLogger("coffer.api")


def _problem(status: int, slug: str, title: str, detail: str, errors: list[FieldError] | None = None) -> Problem:
    return Problem(type=TYPE_BASE + slug, title=title, status=status, detail=detail, errors=errors)


def _size(size: int) -> str:
    for unit, factor in (("TiB", 1024**4), ("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= factor:
            return f"{size / factor:g} {unit}"
    return f"{size} bytes"


def _wait(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"


def _to_problem(error: Exception) -> tuple[Problem, dict[str, str]]:
    if isinstance(error, InvalidCredentials):
        return _problem(401, "invalid-credentials", "Sign-in failed", "Wrong username or password."), {}
    if isinstance(error, Locked):
        until = datetime.fromtimestamp(error.until, tz=UTC).strftime("%H:%M UTC")
        return _problem(
            429, "locked", "Too many failed attempts", f"Too many failed attempts. Sign-in is locked until {until}."
        ), {}
    if isinstance(error, RateLimited):
        return _problem(
            429,
            "rate-limited",
            "Too many requests",
            f"Too many attempts. Try again in {_wait(error.retry_after)}.",
        ), {"Retry-After": str(error.retry_after)}
    if isinstance(error, InvalidChallenge):
        return _problem(
            401,
            "invalid-challenge",
            "Sign-in step expired",
            "This sign-in step has expired or was already used. Please sign in again.",
        ), {}
    if isinstance(error, InvalidCode):
        return _problem(
            401,
            "invalid-code",
            "Wrong code",
            "That code is wrong or was already used. Wait for a new code and try again.",
        ), {}
    if isinstance(error, WeakPassword):
        return _problem(
            422,
            "weak-password",
            "Password refused",
            error.reason,
            errors=[FieldError(field="new_password", message=error.reason)],
        ), {}
    if isinstance(error, Forbidden):
        return _problem(403, "forbidden", "Not allowed", str(error)), {}
    if isinstance(error, AccountClosed):
        return _problem(
            403, "account-closed", "Account not open", f"Your account is {error.status}. Contact your storage operator."
        ), {}
    if isinstance(error, InvalidAccount):
        return _problem(
            422,
            "invalid-account",
            "Invalid account",
            str(error),
            errors=[FieldError(field=error.field, message=str(error))],
        ), {}
    if isinstance(error, AccountTaken):
        return _problem(
            409,
            "account-taken",
            "Already taken",
            str(error),
            errors=[FieldError(field=error.field, message=str(error))],
        ), {}
    if isinstance(error, AccountNotFound):
        return _problem(404, "account-not-found", "No such account", f"There is no account {error}."), {}
    if isinstance(error, AccountStateConflict):
        return _problem(409, "account-state", "Not possible now", str(error)), {}
    if isinstance(error, AccountHoldsData):
        return _problem(
            409,
            "account-holds-data",
            "The account still holds data",
            "Its buckets still hold objects. Choose to delete all data too, or empty them first.",
        ), {}
    if isinstance(error, ProvisioningInProgress):
        return _problem(
            409,
            "in-progress",
            "Already in progress",
            "This account is being created by an earlier submission; reload in a moment.",
        ), {}
    if isinstance(error, IdempotencyKeyReused):
        return _problem(
            422,
            "idempotency-key-reused",
            "Idempotency-Key reused",
            "This Idempotency-Key was already used for another account; send a new key for a new account.",
        ), {}
    if isinstance(error, InvalidLink):
        return _problem(
            410, "invalid-link", "Link not valid", "This confirmation link is invalid, expired or was already used."
        ), {}
    if isinstance(error, RequestNotFound):
        return _problem(404, "request-not-found", "No such request", "There is no such account request."), {}
    if isinstance(error, AlreadyDecided):
        return _problem(
            409,
            "already-decided",
            "Already decided",
            f"This request was already decided ({error}) or is being decided by someone else.",
        ), {}
    if isinstance(error, InvalidUser):
        return _problem(422, "invalid-user", "Invalid user", str(error)), {}
    if isinstance(error, WrongCurrentPassword):
        message = "That is not your current password."
        return _problem(
            422,
            "wrong-current-password",
            "Current password wrong",
            message,
            errors=[FieldError(field="current_password", message=message)],
        ), {}
    if isinstance(error, QuotaTooSmall):
        message = f"A quota must be at least {_size(error.minimum)}." if error.field == "quota_bytes" else str(error)
        if error.field == "quota_objects":
            message = "An object quota must be at least 1."
        return _problem(
            422, "quota-too-small", "Quota too small", message, errors=[FieldError(field=error.field, message=message)]
        ), {}
    if isinstance(error, InvalidThresholds):
        message = "The warning threshold must be below the critical one."
        return _problem(
            422,
            "invalid-thresholds",
            "Invalid thresholds",
            message,
            errors=[FieldError(field="critical_percent", message=message)],
        ), {}
    if isinstance(error, BucketNotInAccount):
        return _problem(404, "bucket-not-found", "No such bucket", f"The account has no bucket {error}."), {}
    if isinstance(error, StepUpMissing):
        message = (
            "Enter a code from your authenticator app to confirm."
            if error.field == "code"
            else "Enter your current password to confirm."
        )
        return _problem(
            422,
            "step-up-required",
            "Confirm it is you",
            message,
            errors=[FieldError(field=error.field, message=message)],
        ), {}
    if isinstance(error, MfaRequired):
        return _problem(
            403,
            "mfa-required",
            "Two-factor authentication required",
            "Two-factor authentication is now required here. Set it up to continue.",
        ), {}
    if isinstance(error, MfaAlreadyEnrolled):
        return _problem(
            409,
            "mfa-enrolled",
            "Already set up",
            "Two-factor authentication is already set up. An administrator can reset it if the device is lost.",
        ), {}
    if isinstance(error, NoPendingSecret):
        return _problem(
            409,
            "enrollment-expired",
            "Set-up expired",
            "This set-up has expired. Start again to get a new QR code.",
        ), {}
    if isinstance(error, InvalidResetLink):
        return _problem(
            410,
            "invalid-reset-link",
            "Link not valid",
            "This link is invalid, expired or was already used. Ask for a new one.",
        ), {}
    if isinstance(error, SessionTooShort):
        return _problem(409, "session-too-short", "Session ends too soon", str(error)), {}
    if isinstance(error, KeyLimit):
        return _problem(409, "key-limit", "No new key now", str(error)), {}
    if isinstance(error, KeyHeldOff):
        return _problem(409, "key-held-off", "Key stays off", str(error)), {}
    if isinstance(error, KeysBusy):
        return _problem(409, "keys-busy", "Keys are being switched", str(error)), {}
    if isinstance(error, KeyNotFound):
        return _problem(404, "key-not-found", "No such access key", "This person has no such access key."), {}
    if isinstance(error, UserNotFound):
        return _problem(404, "user-not-found", "No such user", "There is no such user here."), {}
    if isinstance(error, NoSuchAccount):
        return _problem(404, "account-not-found", "No such account", f"There is no account {error}."), {}
    if isinstance(error, AccountNotActive):
        return _problem(409, "account-state", "Not possible now", str(error)), {}
    if isinstance(error, NotOnYourself):
        return _problem(409, "not-on-yourself", "Not on yourself", str(error)), {}
    if isinstance(error, UsernameTaken):
        return _problem(409, "username-taken", "Username taken", str(error)), {}
    if isinstance(error, StorageUnavailable):
        _log.warning("storage unavailable: %s", error)
        return _problem(
            503,
            "storage-unavailable",
            "Storage unavailable",
            "The storage system is not answering right now. Please try again shortly.",
        ), {"Retry-After": "5"}
    if isinstance(error, StorageRefused):
        _log.warning("storage refused: %s", error)
        return _problem(
            502, "storage-refused", "Storage refused the request", "The storage system refused this request."
        ), {}
    raise error


async def _handle(request: Request, error: Exception) -> Response:
    problem, headers = _to_problem(error)
    return problem_response(problem, headers)


DOMAIN_ERRORS: dict[type[Exception], Callable[[Request, Exception], Awaitable[Response]]] = {
    kind: _handle
    for kind in (
        InvalidCredentials,
        Locked,
        RateLimited,
        InvalidChallenge,
        InvalidCode,
        WeakPassword,
        StepUpMissing,
        QuotaTooSmall,
        InvalidThresholds,
        BucketNotInAccount,
        MfaRequired,
        MfaAlreadyEnrolled,
        NoPendingSecret,
        Forbidden,
        StorageUnavailable,
        StorageRefused,
        AccountClosed,
        InvalidAccount,
        AccountTaken,
        AccountNotFound,
        AccountStateConflict,
        ProvisioningInProgress,
        IdempotencyKeyReused,
        InvalidLink,
        RequestNotFound,
        AlreadyDecided,
        InvalidUser,
        UsernameTaken,
        UserNotFound,
        NoSuchAccount,
        AccountNotActive,
        NotOnYourself,
        KeyLimit,
        KeyHeldOff,
        KeysBusy,
        KeyNotFound,
        SessionTooShort,
        InvalidResetLink,
        WrongCurrentPassword,
    )
}
