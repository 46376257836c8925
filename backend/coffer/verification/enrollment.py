"""Setting up TOTP: a pending secret (10 min) shown as a QR code, made the person's by a first valid code.

Used at sign-in (first time, or after an admin reset) and from the profile by someone who skipped it.
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.sealing import Sealer
from coffer.store.mfa import MfaStore
from coffer.store.users import UserRecord, UserStore
from coffer.verification import recovery, totp
from coffer.verification.codes import accept_once, totp_seal_purpose

_PENDING_SECRET_SECONDS = 600


@dataclass(frozen=True)
class Enrollment:
    secret: str
    otpauth_uri: str
    qr_svg: str


class NoPendingSecret(DomainError):
    """Enrollment was not started, or its secret expired."""

    status, slug, title = 409, "enrollment-expired", "Set-up expired"
    detail = "This set-up has expired. Start again to get a new QR code."


class TotpEnrollment:
    def __init__(self, users: UserStore, mfa: MfaStore, sealer: Sealer, clock: Clock, issuer_name: str) -> None:
        self._users = users
        self._mfa = mfa
        self._sealer = sealer
        self._clock = clock
        self._issuer_name = issuer_name

    async def start(self, user: UserRecord) -> Enrollment:
        secret = totp.new_secret()
        sealed = self._sealer.seal(secret.encode(), f"totp-pending:{user.id}")
        await self._mfa.put_pending_secret(user.id, sealed, _PENDING_SECRET_SECONDS)
        uri = totp.provisioning_uri(secret, user.username, self._issuer_name)
        return Enrollment(secret=secret, otpauth_uri=uri, qr_svg=totp.qr_svg(uri))

    async def confirm(self, user: UserRecord, code: str) -> list[str] | None:
        """The new recovery codes once the code matches the pending secret; None for a wrong code."""
        sealed = await self._mfa.pending_secret(user.id)
        if sealed is None:
            raise NoPendingSecret
        secret = self._sealer.open(sealed, f"totp-pending:{user.id}").decode()
        if not await accept_once(self._mfa, user.id, secret, code, self._clock.now()):
            return None
        user.totp_secret_sealed = self._sealer.seal(secret.encode(), totp_seal_purpose(user.id))
        await self._users.update(user.id, totp_secret_sealed=user.totp_secret_sealed)
        await self._mfa.drop_pending_secret(user.id)
        codes = recovery.new_codes()
        await self._users.replace_recovery_codes(user.id, [recovery.code_hash(code) for code in codes])
        return codes
