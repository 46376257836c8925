"""Checking a person's TOTP code, the same way wherever one is asked for (sign-in, reset, recovery codes).

A code is accepted once, and only for a time step strictly after the last one the person used:
a replay, or the still-valid code of an older step after a newer one was used, is refused
(RFC 6238 §5.2).
"""

from __future__ import annotations

from coffer.sealing import Sealer
from coffer.store.mfa import MfaStore
from coffer.store.users import UserRecord
from coffer.verification import totp

# The last step used must be kept while any step not after it could still match a code.
CLAIM_SECONDS = (2 * totp.DRIFT_STEPS + 2) * totp.STEP_SECONDS


def totp_seal_purpose(user_id: str) -> str:
    """What an enrolled TOTP secret is sealed for: it opens only in this person's record."""
    return f"totp:{user_id}"


def enrolled_secret(sealer: Sealer, user: UserRecord) -> str | None:
    """The person's TOTP secret, unsealed; None when they have not enrolled."""
    if user.totp_secret_sealed is None:
        return None
    return sealer.open(user.totp_secret_sealed, totp_seal_purpose(user.id)).decode()


async def accept_once(mfa: MfaStore, user_id: str, secret: str, code: str, now: float) -> bool:
    """True when the code matches a step within the drift window that comes after the last step used."""
    step = totp.matching_step(secret, code, now)
    return step is not None and await mfa.claim_step(user_id, step, CLAIM_SECONDS)
