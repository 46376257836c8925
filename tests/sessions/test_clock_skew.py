"""Instances whose clocks differ a little accept each other's tokens; a token from far in the future is refused."""

from __future__ import annotations

import asyncio

import pytest

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.sealing import Sealer
from coffer.sessions.keys import KeyRing
from coffer.sessions.tokens import SESSION, InvalidToken, TokenSigner
from coffer.settings import Settings
from coffer.store.signing_keys import SigningKeyStore

from ..conftest import open_client
from ..flows import Person, first_sign_in

COOKIE = "__Host-coffer_session"


@pytest.mark.parametrize(("ahead_seconds", "status"), [(20, 200), (60, 401)])
def test_a_session_from_an_instance_whose_clock_is_ahead_is_accepted_within_the_leeway(
    settings: Settings, admin: Person, clock: FixedClock, ahead_seconds: int, status: int
) -> None:
    ahead = FixedClock(clock.now() + ahead_seconds)
    with open_client(settings, ahead) as fast, open_client(settings, clock) as behind:
        first_sign_in(fast, admin, ahead)
        behind.cookies.set(COOKIE, fast.cookies.get(COOKIE) or "")

        assert behind.get("/api/v1/me").status_code == status


@pytest.mark.parametrize(
    ("issued_ago", "lifetime", "accepted"),
    [
        (-29, 900, True),  # issued 29 s "in the future": the other clock is a little ahead
        (-31, 900, False),  # past the 30 s leeway
        (899, 900, True),
        (900, 900, False),  # expiry has no leeway: a token ends when it says
    ],
)
def test_time_claims_allow_30_s_of_clock_difference_but_expiry_none(
    settings: Settings, issued_ago: int, lifetime: int, accepted: bool
) -> None:
    now = 1_900_000_000.0

    async def scenario() -> bool:
        connection = redis_connection(settings)
        try:
            sealer = Sealer(settings.master_key_bytes())
            issuing_clock, verifying_clock = FixedClock(now - issued_ago), FixedClock(now)
            keys = KeyRing(SigningKeyStore(connection.redis), sealer, issuing_clock, 3600)
            token = await TokenSigner(keys, "coffer", issuing_clock).sign(SESSION, "someone", lifetime, {})
            verifying_keys = KeyRing(SigningKeyStore(connection.redis), sealer, verifying_clock, 3600)
            verifier = TokenSigner(verifying_keys, "coffer", verifying_clock)
            try:
                await verifier.verify(SESSION, token)
            except InvalidToken:
                return False
            return True
        finally:
            await connection.close()

    assert asyncio.run(scenario()) is accepted
