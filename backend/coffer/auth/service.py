"""The sign-in journey: password, then (first time) a new password and TOTP enrollment, then TOTP.

Where neither the platform nor the person's account requires MFA, enrollment may be put off
("set up later"); whoever has enrolled always gives the second factor.

Between the steps the user holds a challenge token (5 min, audience `mfa`) that names the
next step; it is never a session. Only a valid second factor opens a session.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import anyio.to_thread

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.authorization import storage_access
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.sealing import Sealer
from coffer.security_policy.service import MfaPolicy
from coffer.sessions.claims import SessionClaims
from coffer.sessions.one_use import OneUseTokens
from coffer.sessions.service import Sessions
from coffer.sessions.tokens import CHALLENGE, InvalidToken
from coffer.store.accounts import AccountStore
from coffer.store.mfa import MfaStore
from coffer.store.users import UserRecord, UserStore
from coffer.sts.service import StorageCredentials
from coffer.verification import recovery
from coffer.verification.codes import accept_once, enrolled_secret
from coffer.verification.enrollment import Enrollment, NoPendingSecret, TotpEnrollment
from coffer.verification.factor_check import FactorCheck
from coffer.verification.failures import InvalidCode, WeakPassword
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator

Step = Literal["change_password", "enroll_mfa", "mfa"]


class InvalidCredentials(DomainError):
    """Wrong username or password (the two are never told apart)."""

    status, slug, title = 401, "invalid-credentials", "Sign-in failed"
    detail = "Wrong username or password."


class AccountClosed(DomainError):
    """The user's account is disabled, being provisioned or deleted."""

    status, slug, title = 403, "account-closed", "Account not open"

    def __init__(self, account_status: str) -> None:
        super().__init__(account_status)
        self.account_status = account_status

    @property
    def detail(self) -> str:
        return f"Your account is {self.account_status}. Contact your storage operator."


class InvalidChallenge(DomainError):
    """The challenge token is invalid, expired, used, or for another step."""

    status, slug, title = 401, "invalid-challenge", "Sign-in step expired"
    detail = "This sign-in step has expired or was already used. Please sign in again."


class MfaRequired(DomainError):
    """Setting up MFA later is not allowed: the platform or the person's account requires it."""

    status, slug, title = 403, "mfa-required", "Two-factor authentication required"
    detail = "Two-factor authentication is now required here. Set it up to continue."


@dataclass(frozen=True)
class Challenge:
    step: Step
    token: str
    expires_at: float
    mfa_optional: bool = False


@dataclass(frozen=True)
class OpenedSession:
    token: str
    claims: SessionClaims
    user: UserRecord
    recovery_codes: list[str] | None
    device_token: str = ""  # the device cookie to set: this browser is now a known device of the person


class SignIn:
    def __init__(
        self,
        *,
        accounts: AccountStore,
        users: UserStore,
        mfa: MfaStore,
        passwords: Passwords,
        regulator: Regulator,
        challenges: OneUseTokens,
        sessions: Sessions,
        credentials: StorageCredentials,
        sealer: Sealer,
        enrollment: TotpEnrollment,
        mfa_policy: MfaPolicy,
        auditor: Auditor,
        clock: Clock,
        challenge_seconds: int,
    ) -> None:
        self._accounts = accounts
        self._users = users
        self._mfa = mfa
        self._passwords = passwords
        self._regulator = regulator
        self._factor = FactorCheck(regulator, auditor)
        self._challenges = challenges
        self._sessions = sessions
        self._credentials = credentials
        self._sealer = sealer
        self._auditor = auditor
        self._clock = clock
        self._challenge_seconds = challenge_seconds
        self._enrollment = enrollment
        self._mfa_policy = mfa_policy

    # -- step 1: password ---------------------------------------------------------------------

    async def with_password(self, username: str, password: str, ip: str, device_token: str | None = None) -> Challenge:
        """`device_token` is the browser's device cookie: with one for this username, strangers' failures
        do not lock it out (see regulation.py)."""
        await self._regulator.admit_attempt(ip)
        user = await self._users.get_by_username(username)
        password_hash = user.password_hash if user is not None and not user.disabled else None

        async def passes() -> bool:
            # Verified even without a user, so that the answer takes as long for a name that does not exist.
            matches = await anyio.to_thread.run_sync(self._passwords.verify, password_hash, password)
            return user is not None and password_hash is not None and matches

        await self._factor.check(
            username,
            device_token,
            passes,
            InvalidCredentials(),
            self._failure_event(events.SIGN_IN_PASSWORD, username, user, ip),
        )
        if user is None or password_hash is None:  # passes() was true, so neither is; for the type checker
            raise InvalidCredentials
        # The count of failures is cleared only once a session opens: a right password alone must not
        # clear it, or someone who knows the password could guess codes forever, one per challenge.
        await self._rehash_if_needed(user, password_hash, password)
        await self._ensure_account_open(user)
        await self._audit(events.SIGN_IN_PASSWORD, user, "success", ip)
        return await self._challenge_for(user)

    async def _ensure_account_open(self, user: UserRecord) -> None:
        """People of a disabled (or not yet or no longer existing) account cannot sign in."""
        if user.account_id is None:
            return
        account = await self._accounts.get(user.account_id)
        if account is None or account.status != "active":
            raise AccountClosed(account.status if account is not None else "deleted")

    async def _rehash_if_needed(self, user: UserRecord, password_hash: str, password: str) -> None:
        """A hash made with other argon2 parameters than the settings' is made again while the password is at hand."""
        if not self._passwords.needs_rehash(password_hash):
            return
        rehashed = await anyio.to_thread.run_sync(self._passwords.hash, password)
        await self._users.update(user.id, only_if={"password_hash": password_hash}, password_hash=rehashed)

    @staticmethod
    def _failure_event(action: str, username: str, user: UserRecord | None, ip: str) -> AuditEvent:
        actor = user.username if user is not None else username[:64]
        account = (user.account_id or "") if user is not None else ""
        return AuditEvent(action=action, actor=actor, result="failure", ip=ip, account_id=account)

    async def _challenge_for(self, user: UserRecord) -> Challenge:
        step: Step
        optional = False
        if user.must_change_password:
            step = "change_password"
        elif user.totp_secret_sealed is None:
            step = "enroll_mfa"
            optional = not await self._mfa_policy.required_for(user.account_id)
        else:
            step = "mfa"
        token = await self._challenges.issue_for_person(CHALLENGE, user.id, self._challenge_seconds, step=step)
        return Challenge(
            step=step, token=token, expires_at=self._clock.now() + self._challenge_seconds, mfa_optional=optional
        )

    async def _redeem(self, token: str, step: Step, *, spend: bool) -> tuple[UserRecord, dict[str, Any]]:
        try:
            return await self._challenges.redeem_for_person(CHALLENGE, token, spend=spend, expect={"step": step})
        except InvalidToken as error:
            raise InvalidChallenge from error

    # -- step 2a: first password change --------------------------------------------------------

    async def change_initial_password(self, token: str, new_password: str, ip: str) -> Challenge:
        user, _ = await self._redeem(token, "change_password", spend=False)
        reason = self._passwords.weakness(new_password, [user.username, user.email, user.display_name])
        if reason is not None:
            raise WeakPassword(reason)
        if await anyio.to_thread.run_sync(self._passwords.verify, user.password_hash, new_password):
            raise WeakPassword("Choose a password different from the one-time password.")
        await self._redeem(token, "change_password", spend=True)
        password_hash = await anyio.to_thread.run_sync(self._passwords.hash, new_password)
        changed = await self._users.update(user.id, password_hash=password_hash, must_change_password=False)
        if changed is None:
            raise InvalidChallenge
        await self._users.bump_version(user.id)
        await self._audit(events.PASSWORD_CHANGE, changed, "success", ip)
        return await self._challenge_for(changed)

    # -- step 2b: TOTP enrollment (or, where MFA is not required, "set up later") ------------

    async def start_enrollment(self, token: str) -> Enrollment:
        user, _ = await self._redeem(token, "enroll_mfa", spend=False)
        return await self._enrollment.start(user)

    async def confirm_enrollment(
        self, token: str, code: str, ip: str, device_token: str | None = None
    ) -> OpenedSession:
        user, _ = await self._redeem(token, "enroll_mfa", spend=False)
        try:
            codes = await self._factor.check(
                user.username,
                device_token,
                lambda: self._enrollment.confirm(user, code),
                InvalidCode(),
                self._failure_event(events.MFA_ENROLL, user.username, user, ip),
                not_checked=(NoPendingSecret,),
            )
        except NoPendingSecret as error:
            raise InvalidChallenge from error
        await self._redeem(token, "enroll_mfa", spend=True)
        await self._audit(events.MFA_ENROLL, user, "success", ip)
        return await self._open_session(user, ip, codes, device_token)

    async def skip_enrollment(self, token: str, ip: str, device_token: str | None = None) -> OpenedSession:
        """Opens a session without MFA, only while neither the platform nor the account requires it."""
        user, _ = await self._redeem(token, "enroll_mfa", spend=False)
        if await self._mfa_policy.required_for(user.account_id):
            raise MfaRequired
        await self._redeem(token, "enroll_mfa", spend=True)
        await self._audit(events.MFA_SKIP, user, "success", ip)
        return await self._open_session(user, ip, None, device_token)

    # -- step 3: second factor -----------------------------------------------------------------

    async def with_second_factor(
        self, token: str, code: str | None, recovery_code: str | None, ip: str, device_token: str | None = None
    ) -> OpenedSession:
        user, _ = await self._redeem(token, "mfa", spend=False)
        if user.totp_secret_sealed is None:
            raise InvalidChallenge

        async def passes() -> bool:
            if recovery_code:
                return await self._users.spend_recovery_code(user.id, recovery.code_hash(recovery_code))
            secret = enrolled_secret(self._sealer, user)
            return secret is not None and await accept_once(self._mfa, user.id, secret, code or "", self._clock.now())

        await self._factor.check(
            user.username,
            device_token,
            passes,
            InvalidCode(),
            self._failure_event(events.MFA_VERIFY, user.username, user, ip),
        )
        await self._redeem(token, "mfa", spend=True)
        detail = "recovery code" if recovery_code else "totp"
        await self._audit(events.MFA_VERIFY, user, "success", ip, detail)
        return await self._open_session(user, ip, None, device_token)

    async def _open_session(
        self, user: UserRecord, ip: str, codes: list[str] | None, device_token: str | None
    ) -> OpenedSession:
        # The version is read before the record: an admin's change (disable, role) writes the record and
        # then bumps the version, so either this session carries the old version and dies at the bump,
        # or the record read below already holds the change.
        version = await self._users.version(user.id)
        fresh = await self._users.get(user.id)
        if fresh is None or fresh.disabled:
            raise InvalidChallenge
        user = fresh
        await self._ensure_account_open(user)
        token, claims = await self._sessions.start(user, version)
        await self._regulator.record_success(user.username, device_token)
        known_device = self._regulator.remember_device(user.username, device_token)
        if user.account_id is not None:
            await self._credentials.obtain(
                claims.sid,
                user.account_id,
                user.username,
                storage_access(user.role, user.data_grant),
                self._sessions.absolute_end(claims),
            )
        user = await self._users.update(user.id, last_sign_in_at=self._clock.now()) or user
        await self._audit(events.SIGN_IN, user, "success", ip)
        return OpenedSession(token=token, claims=claims, user=user, recovery_codes=codes, device_token=known_device)

    # -- sign-out ------------------------------------------------------------------------------

    async def sign_out(self, claims: SessionClaims, ip: str) -> None:
        await self._sessions.end(claims)
        await self._credentials.forget(claims.sid)
        await self._audit_session_event(events.SIGN_OUT, claims, ip)

    async def sign_out_everywhere(self, claims: SessionClaims, ip: str) -> None:
        await self._users.bump_version(claims.sub)
        await self._credentials.forget(claims.sid)
        await self._audit_session_event(events.SIGN_OUT_EVERYWHERE, claims, ip)

    async def _audit_session_event(self, action: str, claims: SessionClaims, ip: str) -> None:
        """Names the actor by username, like every other event, so one actor filter finds all they did."""
        user = await self._users.get(claims.sub)
        actor = user.username if user else claims.sub
        await self._auditor.record(
            AuditEvent(
                action=action, actor=actor, result="success", ip=ip, target=claims.sub, account_id=claims.acct or ""
            )
        )

    async def _audit(self, action: str, user: UserRecord, result: events.Result, ip: str, detail: str = "") -> None:
        await self._auditor.record(
            AuditEvent(
                action=action,
                actor=user.username,
                result=result,
                ip=ip,
                target=user.id,
                account_id=user.account_id or "",
                detail=detail,
            )
        )
