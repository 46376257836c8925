"""Forgot password: a single-use link, valid 30 minutes, that still needs the TOTP code when MFA is set up.

Asking for a link answers alike whether or not the username exists (the mail is only queued, so
both take alike). The link carries the user's session version: any other password change, or
using the link once, makes it void.
"""

from __future__ import annotations

from dataclasses import dataclass

import anyio.to_thread

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.mail import templates
from coffer.mail.service import Mailer
from coffer.sealing import Sealer
from coffer.sessions.one_use import OneUseTokens
from coffer.sessions.tokens import PASSWORD_RESET, PASSWORD_RESET_SECONDS, InvalidToken
from coffer.store.mfa import MfaStore
from coffer.store.regulation import RegulationStore
from coffer.store.users import UserRecord, UserStore
from coffer.verification.codes import accept_once, enrolled_secret
from coffer.verification.factor_check import FactorCheck
from coffer.verification.failures import InvalidCode, WeakPassword
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import AddressQuota, RateLimited, Regulator

LINK_SECONDS = PASSWORD_RESET_SECONDS
_PER_IP_PER_HOUR = 10
# 3 links an hour per (username, IP); past 20 an hour from everywhere, one every 5 minutes still goes out.
_LINKS = AddressQuota("reset-user", per_client=3, per_address=20, window_seconds=3600, turn_seconds=300)


class InvalidResetLink(DomainError):
    status, slug, title = 410, "invalid-reset-link", "Link not valid"
    detail = "This link is invalid, expired or was already used. Ask for a new one."


@dataclass(frozen=True)
class ResetLink:
    username: str
    mfa_required: bool


class PasswordReset:
    def __init__(
        self,
        users: UserStore,
        passwords: Passwords,
        links: OneUseTokens,
        limits: RegulationStore,
        regulator: Regulator,
        mfa: MfaStore,
        sealer: Sealer,
        mailer: Mailer,
        auditor: Auditor,
        clock: Clock,
        console_url: str,
    ) -> None:
        self._users = users
        self._passwords = passwords
        self._links = links
        self._limits = limits
        self._regulator = regulator
        self._factor = FactorCheck(regulator, auditor)
        self._mfa = mfa
        self._sealer = sealer
        self._mailer = mailer
        self._auditor = auditor
        self._clock = clock
        self._console_url = console_url

    async def ask(self, username: str, ip: str) -> None:
        """Mails a link when the username is known and enabled; says nothing either way."""
        now, subject = self._clock.now(), username.strip().casefold()
        if await self._limits.add_event("reset-ip", ip, now, 3600) > _PER_IP_PER_HOUR:
            raise RateLimited(3600)
        if await _LINKS.wait(self._limits, subject, ip, now) is not None:
            return  # quietly: the answer must not tell whether the name exists
        user = await self._users.get_by_username(subject)
        if user is None or user.disabled:
            await self._audit(events.PASSWORD_RESET_ASK, subject, None, "failure", ip)
            return
        token = await self._links.issue_for_person(PASSWORD_RESET, user.id, LINK_SECONDS)
        link = f"{self._console_url}/reset-password?token={token}"
        await self._mailer.send([user.email], templates.password_reset_link(user.display_name, user.username, link))
        await self._audit(events.PASSWORD_RESET_ASK, user.username, user, "success", ip)

    async def inspect(self, token: str) -> ResetLink:
        user, _ = await self._redeem(token, spend=False)
        return ResetLink(username=user.username, mfa_required=user.totp_secret_sealed is not None)

    async def complete(
        self, token: str, new_password: str, code: str | None, ip: str, device_token: str | None = None
    ) -> None:
        """Wrong codes count against the pair (username, client) as at sign-in; a lockout they cause is audited."""
        user, _ = await self._redeem(token, spend=False)
        reason = self._passwords.weakness(new_password, [user.username, user.email, user.display_name])
        if reason is not None:
            raise WeakPassword(reason)
        secret = enrolled_secret(self._sealer, user)
        if secret is not None:
            await self._factor.check(
                user.username,
                device_token,
                lambda: accept_once(self._mfa, user.id, secret, code or "", self._clock.now()),
                InvalidCode(),
                self._event(events.PASSWORD_RESET, user.username, user, "failure", ip),
            )
        await self._redeem(token, spend=True)
        password_hash = await anyio.to_thread.run_sync(self._passwords.hash, new_password)
        await self._users.update(user.id, password_hash=password_hash, must_change_password=False)
        await self._users.bump_version(user.id)
        await self._regulator.unlock(user.username)
        await self._audit(events.PASSWORD_RESET, user.username, user, "success", ip)

    async def _redeem(self, token: str, *, spend: bool) -> tuple[UserRecord, dict[str, object]]:
        try:
            return await self._links.redeem_for_person(PASSWORD_RESET, token, spend=spend)
        except InvalidToken as error:
            raise InvalidResetLink from error

    async def _audit(
        self, action: str, actor: str, user: UserRecord | None, result: events.Result, ip: str, detail: str = ""
    ) -> None:
        await self._auditor.record(self._event(action, actor, user, result, ip, detail))

    @staticmethod
    def _event(
        action: str, actor: str, user: UserRecord | None, result: events.Result, ip: str, detail: str = ""
    ) -> AuditEvent:
        return AuditEvent(
            action=action,
            actor=actor,
            result=result,
            target=user.id if user else "",
            account_id=(user.account_id or "") if user else "",
            ip=ip,
            detail=detail,
        )
