"""Rotating the signing key and resealing secrets under a new master key, without downtime.

A signing-key rotation is one Redis transaction that every instance sees at its next signature;
the replaced key verifies until the longest token it signed has expired. Resealing re-encrypts
each stored secret with the master key in force, record by record, refusing to overwrite a value
that changed meanwhile (a person enrolling while the job runs).
"""

from __future__ import annotations

from dataclasses import dataclass

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.sealing import Sealer
from coffer.sessions.keys import KeyRing, SigningKeyInfo
from coffer.store.users import UserStore
from coffer.verification.codes import totp_seal_purpose

_ATTEMPTS = 3


@dataclass(frozen=True)
class ResealReport:
    totp_secrets: int
    signing_keys: int


class KeyRotation:
    def __init__(self, keys: KeyRing, users: UserStore, sealer: Sealer, auditor: Auditor) -> None:
        self._keys = keys
        self._users = users
        self._sealer = sealer
        self._auditor = auditor

    async def signing_keys(self) -> list[SigningKeyInfo]:
        return await self._keys.describe()

    async def rotate_signing_key(self, actor: str, ip: str) -> str:
        kid = await self._keys.rotate()
        await self._auditor.record(
            AuditEvent(action=events.SIGNING_KEY_ROTATE, actor=actor, result="success", target=kid, ip=ip)
        )
        return kid

    async def reseal(self, actor: str, ip: str) -> ResealReport:
        """Seals every stored secret again with the current master key; safe to run again and beside traffic.

        Session STS credentials are not touched: they live minutes and are fetched anew when their seal no
        longer opens.
        """
        report = ResealReport(totp_secrets=await self._reseal_totp_secrets(), signing_keys=await self._keys.reseal())
        await self._auditor.record(
            AuditEvent(
                action=events.MASTER_KEY_RESEAL,
                actor=actor,
                result="success",
                ip=ip,
                detail=f"{report.totp_secrets} TOTP secrets, {report.signing_keys} signing keys",
            )
        )
        return report

    async def _reseal_totp_secrets(self) -> int:
        changed = 0
        for user_id in await self._users.all_user_ids():
            for _ in range(_ATTEMPTS):
                user = await self._users.get(user_id)
                sealed = user.totp_secret_sealed if user else None
                if sealed is None or self._sealer.is_current(sealed):
                    break
                purpose = totp_seal_purpose(user_id)
                fresh = self._sealer.seal(self._sealer.open(sealed, purpose), purpose)
                if await self._users.replace_totp_secret(user_id, sealed, fresh):
                    changed += 1
                    break
        return changed
