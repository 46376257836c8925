"""The security rules in force, read-only for platform admins (they are settings, changed at deployment)."""

from __future__ import annotations

from pydantic import BaseModel
from starlette.requests import Request

from coffer.api.context import services
from coffer.api.operations import Operation
from coffer.authorization import Action


class SecurityPolicy(BaseModel):
    password_min_length: int
    password_strength_check: str
    lockout_failures: int
    lockout_minutes: int
    ip_attempts_per_minute: int
    mfa_required: bool
    session_minutes: int
    session_max_hours: int
    challenge_minutes: int


async def get_security_policy(request: Request, body: None) -> SecurityPolicy:
    settings = services(request).settings
    return SecurityPolicy(
        password_min_length=settings.password_min_length,
        password_strength_check="zxcvbn: passwords it rates below 3 of 4 are refused",  # noqa: S106 - a rule, not a secret
        lockout_failures=settings.lockout_failures,
        lockout_minutes=settings.lockout_minutes,
        ip_attempts_per_minute=settings.ip_attempts_per_minute,
        mfa_required=True,
        session_minutes=settings.session_minutes,
        session_max_hours=settings.session_max_hours,
        challenge_minutes=settings.challenge_minutes,
    )


OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/security-policy",
        "getSecurityPolicy",
        "Password, lockout, MFA and session rules in force (set by deployment settings)",
        get_security_policy,
        "profile",
        response=SecurityPolicy,
        errors=(403,),
        action=Action.POLICY_READ,
    ),
]
