"""What a signed-in person changes about themselves: password, TOTP set-up and recovery codes.

A password change needs the current password and ends the person's other sessions, keeping this
one; setting up TOTP later needs the password; new recovery codes need a TOTP code. So a stolen
session alone can change none of them.
"""

from __future__ import annotations

import anyio.to_thread

from coffer.audit import events
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.sealing import Sealer
from coffer.sessions.claims import SessionClaims
from coffer.sessions.service import Sessions
from coffer.store.mfa import MfaStore
from coffer.store.users import UserRecord, UserStore
from coffer.verification import recovery
from coffer.verification.codes import accept_once, enrolled_secret
from coffer.verification.enrollment import Enrollment, NoPendingSecret, TotpEnrollment
from coffer.verification.factor_check import FactorCheck
from coffer.verification.failures import InvalidCode, WeakPassword, WrongCurrentPassword
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator


class MfaAlreadyEnrolled(DomainError):
    """TOTP is set up already; an admin reset (lost device) is the way to start over."""

    status, slug, title = 409, "mfa-enrolled", "Already set up"
    detail = "Two-factor authentication is already set up. An administrator can reset it if the device is lost."


class Profile:
    def __init__(
        self,
        users: UserStore,
        passwords: Passwords,
        regulator: Regulator,
        sessions: Sessions,
        mfa: MfaStore,
        sealer: Sealer,
        enrollment: TotpEnrollment,
        auditor: Auditor,
        clock: Clock,
    ) -> None:
        self._users = users
        self._passwords = passwords
        self._regulator = regulator
        self._factor = FactorCheck(regulator, auditor)
        self._sessions = sessions
        self._mfa = mfa
        self._sealer = sealer
        self._enrollment = enrollment
        self._auditor = auditor
        self._clock = clock

    async def change_password(
        self,
        claims: SessionClaims,
        user: UserRecord,
        current: str,
        new: str,
        ip: str,
        device_token: str | None = None,
    ) -> tuple[str, SessionClaims]:
        """Returns this session re-issued under the new version (the cookie to set).

        `device_token` (the browser's device cookie) says which client failures count against, as at sign-in.
        """
        await self._check_password(user, current, events.PASSWORD_CHANGE, ip, device_token)
        reason = self._passwords.weakness(new, [user.username, user.email, user.display_name])
        if reason is None and new == current:
            reason = "Choose a password different from the current one."
        if reason is not None:
            raise WeakPassword(reason)
        password_hash = await anyio.to_thread.run_sync(self._passwords.hash, new)
        await self._users.update(user.id, password_hash=password_hash)
        version = await self._users.bump_version(user.id)
        # Read after the bump: a role change made meanwhile is in this record, not lost.
        fresh = await self._users.get(user.id) or user
        await self._regulator.record_success(user.username, device_token)
        await self._audit(events.PASSWORD_CHANGE, fresh, "success", ip)
        return await self._sessions.continue_with_version(claims, version, fresh.role)

    async def _check_password(
        self, user: UserRecord, password: str, action: str, ip: str, device_token: str | None
    ) -> None:
        async def passes() -> bool:
            return await anyio.to_thread.run_sync(self._passwords.verify, user.password_hash, password)

        await self._factor.check(
            user.username, device_token, passes, WrongCurrentPassword(), events.by_person(action, user, "failure", ip)
        )

    async def start_mfa_enrollment(
        self, user: UserRecord, password: str, ip: str, device_token: str | None = None
    ) -> Enrollment:
        if user.totp_secret_sealed is not None:
            raise MfaAlreadyEnrolled
        await self._check_password(user, password, events.MFA_ENROLL, ip, device_token)
        return await self._enrollment.start(user)

    async def confirm_mfa_enrollment(
        self, user: UserRecord, code: str, ip: str, device_token: str | None = None
    ) -> list[str]:
        """The recovery codes, once the first code matches; other sessions go on (nothing was weakened)."""
        if user.totp_secret_sealed is not None:
            raise MfaAlreadyEnrolled
        codes = await self._factor.check(
            user.username,
            device_token,
            lambda: self._enrollment.confirm(user, code),
            InvalidCode(),
            events.by_person(events.MFA_ENROLL, user, "failure", ip),
            not_checked=(NoPendingSecret,),
        )
        await self._audit(events.MFA_ENROLL, user, "success", ip)
        return codes

    async def new_recovery_codes(
        self, user: UserRecord, code: str, ip: str, device_token: str | None = None
    ) -> list[str]:
        secret = enrolled_secret(self._sealer, user)

        async def passes() -> bool:
            return secret is not None and await accept_once(self._mfa, user.id, secret, code, self._clock.now())

        await self._factor.check(
            user.username,
            device_token,
            passes,
            InvalidCode(),
            events.by_person(events.RECOVERY_CODES, user, "failure", ip),
        )
        codes = recovery.new_codes()
        await self._users.replace_recovery_codes(user.id, [recovery.code_hash(code) for code in codes])
        await self._audit(events.RECOVERY_CODES, user, "success", ip)
        return codes

    async def _audit(self, action: str, user: UserRecord, result: events.Result, ip: str, detail: str = "") -> None:
        await self._auditor.record(events.by_person(action, user, result, ip, detail))
