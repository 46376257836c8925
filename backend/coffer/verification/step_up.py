"""A fresh factor inside a valid session, before actions a stolen session must not take alone.

Creating an access key or minting CLI credentials hands out storage secrets, so the person proves
themselves again: with a TOTP code when they have MFA, else with their password. Wrong answers
count towards the same lockout as sign-in, for the same pair (username, client): a stranger's
failed sign-ins do not block the person's step-up in their own browser (ASVS 6.4, DESIGN "Step-up").
A lockout caused here is audited like one at sign-in.
"""

from __future__ import annotations

import anyio.to_thread

from coffer.audit import events
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError, FieldProblem
from coffer.sealing import Sealer
from coffer.store.mfa import MfaStore
from coffer.store.users import UserRecord
from coffer.verification.codes import accept_once, enrolled_secret
from coffer.verification.factor_check import FactorCheck
from coffer.verification.failures import InvalidCode, WrongCurrentPassword
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator


class StepUpMissing(DomainError):
    """The request did not carry the factor this person has (`code` or `current_password`)."""

    status, slug, title = 422, "step-up-required", "Confirm it is you"

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field

    @property
    def detail(self) -> str:
        if self.field == "code":
            return "Enter a code from your authenticator app to confirm."
        return "Enter your current password to confirm."

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return (FieldProblem(self.field, self.detail),)


class StepUp:
    def __init__(
        self,
        passwords: Passwords,
        regulator: Regulator,
        mfa: MfaStore,
        sealer: Sealer,
        auditor: Auditor,
        clock: Clock,
    ) -> None:
        self._passwords = passwords
        self._factor = FactorCheck(regulator, auditor)
        self._mfa = mfa
        self._sealer = sealer
        self._auditor = auditor
        self._clock = clock

    async def confirm(
        self,
        user: UserRecord,
        code: str | None,
        password: str | None,
        purpose: str,
        ip: str,
        device_token: str | None = None,
    ) -> None:
        """Returns when the factor is right; raises StepUpMissing, InvalidCode, WrongCurrentPassword or Locked."""
        secret = enrolled_secret(self._sealer, user)
        if secret is not None and not code:
            raise StepUpMissing("code")
        if secret is None and not password:
            raise StepUpMissing("current_password")

        async def passes() -> bool:
            if secret is not None:
                return await accept_once(self._mfa, user.id, secret, code or "", self._clock.now())
            return await anyio.to_thread.run_sync(self._passwords.verify, user.password_hash, password or "")

        failure = InvalidCode() if secret is not None else WrongCurrentPassword()
        await self._factor.check(
            user.username, device_token, passes, failure, events.by_person(events.STEP_UP, user, "failure", ip, purpose)
        )
        await self._auditor.record(events.by_person(events.STEP_UP, user, "success", ip, purpose))
