"""The security rules in force, shown to platform admins, and where MFA is required.

Password, lockout and session rules are deployment settings (read-only here). Requiring MFA is
changed in the console: platform-wide by platform admins, per account by its admins. The password
rules are public too: the forms that set a password need them before a session exists.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.accounts.service import Accounts
from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation, client_ip
from coffer.api.problems import ProblemError
from coffer.api.session_guard import user_of
from coffer.authorization import Action
from coffer.security_policy.service import AccountMfaRule, MfaPolicy
from coffer.verification.passwords import Passwords


class MfaRequirement(BaseModel):
    model_config = ConfigDict(extra="forbid")
    required: bool


_SIGNED_OUT = Field(
    None, description="Only in the answer to a change: people signed out because they have no authenticator."
)


class AccountMfaPolicy(BaseModel):
    platform_required: bool
    account_required: bool
    required: bool
    signed_out: int | None = _SIGNED_OUT


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
    unenrolled_people: int = Field(
        description="People with no authenticator: those requiring it for everyone signs out at once."
    )
    signed_out: int | None = _SIGNED_OUT


class PasswordRules(BaseModel):
    min_length: int = Field(description="Shorter new passwords are refused (weak-password).")


async def get_password_rules(request: Request, body: None) -> PasswordRules:
    return PasswordRules(min_length=service_of(request, Passwords).min_length)


async def get_security_policy(request: Request, body: None) -> SecurityPolicy:
    settings = wiring(request).settings
    policy = service_of(request, MfaPolicy)
    mfa_required = await policy.platform_required()
    return SecurityPolicy(
        password_min_length=settings.password_min_length,
        password_strength_check="zxcvbn: passwords it rates below 3 of 4 are refused",  # noqa: S106 - a rule, not a secret
        lockout_failures=settings.lockout_failures,
        lockout_minutes=settings.lockout_minutes,
        ip_attempts_per_minute=settings.ip_attempts_per_minute,
        mfa_required=mfa_required,
        session_minutes=settings.session_minutes,
        session_max_hours=settings.session_max_hours,
        challenge_minutes=settings.challenge_minutes,
        unenrolled_people=await policy.platform_unenrolled(),
    )


def _enrolled_first(request: Request, required: bool) -> None:
    """Whoever requires MFA has it: the change would otherwise sign its own author out."""
    if required and user_of(request).totp_secret_sealed is None:
        raise ProblemError(
            409,
            "mfa-yourself-first",
            "Set up two-factor authentication first",
            "Set up two-factor authentication for yourself on your profile before requiring it of others.",
        )


async def set_platform_mfa(request: Request, body: MfaRequirement) -> SecurityPolicy:
    _enrolled_first(request, body.required)
    signed_out = await service_of(request, MfaPolicy).set_platform_required(
        body.required, user_of(request).username, client_ip(request)
    )
    return (await get_security_policy(request, None)).model_copy(update={"signed_out": signed_out})


def _account_policy(rule: AccountMfaRule) -> AccountMfaPolicy:
    return AccountMfaPolicy(
        platform_required=rule.platform_required, account_required=rule.account_required, required=rule.required
    )


async def get_account_mfa(request: Request, body: None) -> AccountMfaPolicy:
    return _account_policy(await service_of(request, MfaPolicy).account_rule(request.path_params["account_id"]))


async def set_account_mfa(request: Request, body: MfaRequirement) -> AccountMfaPolicy:
    account_id = request.path_params["account_id"]
    await service_of(request, Accounts).get(account_id)
    _enrolled_first(request, body.required)
    rule, signed_out = await service_of(request, MfaPolicy).set_account_required(
        account_id, body.required, user_of(request).username, client_ip(request)
    )
    return _account_policy(rule).model_copy(update={"signed_out": signed_out})


_ACCOUNT_MFA = "/api/v1/accounts/{account_id}/mfa-policy"
OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/password-rules",
        "getPasswordRules",
        "What a new password must meet, for the forms that set one (first sign-in and reset have no session)",
        get_password_rules,
        "auth",
        response=PasswordRules,
        public=True,
    ),
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
    Operation(
        "PUT",
        "/api/v1/security-policy/mfa",
        "setPlatformMfaRequirement",
        "Require MFA of everyone, or let each account decide; people without MFA are signed out and enroll"
        " at their next sign-in",
        set_platform_mfa,
        "profile",
        body=MfaRequirement,
        response=SecurityPolicy,
        errors=(403, 409, 422),
        action=Action.POLICY_MANAGE,
    ),
    Operation(
        "GET",
        _ACCOUNT_MFA,
        "getAccountMfaPolicy",
        "Whether this account's people must use MFA (by the platform's rule or the account's own)",
        get_account_mfa,
        "users",
        response=AccountMfaPolicy,
        errors=(403,),
        action=Action.USERS_MANAGE,
        account_param="account_id",
    ),
    Operation(
        "PUT",
        _ACCOUNT_MFA,
        "setAccountMfaPolicy",
        "Require MFA of this account's people (it cannot lift the platform's requirement); those without MFA"
        " are signed out and enroll at their next sign-in",
        set_account_mfa,
        "users",
        body=MfaRequirement,
        response=AccountMfaPolicy,
        errors=(403, 404, 409, 422),
        action=Action.USERS_MANAGE,
        account_param="account_id",
    ),
]
