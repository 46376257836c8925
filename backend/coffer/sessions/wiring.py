"""Sessions: the signing keys, the token signer, the session check and the person's list of sessions."""

from __future__ import annotations

from coffer.sessions.cookies import SessionCookie
from coffer.sessions.keys import KeyRing
from coffer.sessions.one_use import OneUseTokens
from coffer.sessions.registry import SessionRegistry
from coffer.sessions.service import Sessions
from coffer.sessions.tokens import EMAIL_LINK_SECONDS, PASSWORD_RESET_SECONDS, TokenSigner
from coffer.settings import Settings
from coffer.store.sessions import SessionStore
from coffer.store.signing_keys import SigningKeyStore
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def longest_token_seconds(settings: Settings) -> float:
    """How long a replaced signing key must still verify: the life of the longest token it may have signed."""
    return max(
        settings.session_minutes * 60, settings.challenge_minutes * 60, PASSWORD_RESET_SECONDS, EMAIL_LINK_SECONDS
    )


def build(wiring: Wiring) -> None:
    settings = wiring.settings
    keys = KeyRing(SigningKeyStore(wiring.redis), wiring.sealer, wiring.clock, longest_token_seconds(settings))
    signer = TokenSigner(keys, settings.issuer, wiring.clock)
    sessions = Sessions(
        signer,
        SessionStore(wiring.redis),
        wiring.clock,
        settings.session_minutes * 60,
        settings.session_max_hours * 3600,
        settings.session_renew_after_seconds,
    )
    wiring.add(
        keys,
        signer,
        sessions,
        SessionRegistry(SessionStore(wiring.redis), sessions, wiring.clock),
        OneUseTokens(signer, SessionStore(wiring.redis), UserStore(wiring.redis), wiring.clock),
        SessionCookie(settings.cookie_secure),
    )


CAPABILITY = Capability("sessions", build)
