"""Signing in: password, TOTP and recovery codes into a session, and the forgotten-password flow."""

from __future__ import annotations

from coffer.auth.password_reset import PasswordReset
from coffer.auth.reset_routes import OPERATIONS as RESET_OPERATIONS
from coffer.auth.routes import OPERATIONS as SIGN_IN_OPERATIONS
from coffer.auth.service import SignIn
from coffer.security_policy.service import MfaPolicy
from coffer.sessions.one_use import OneUseTokens
from coffer.sessions.service import Sessions
from coffer.store.accounts import AccountStore
from coffer.store.mfa import MfaStore
from coffer.store.regulation import RegulationStore
from coffer.store.users import UserStore
from coffer.sts.service import StorageCredentials
from coffer.verification.enrollment import TotpEnrollment
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    users, mfa, one_use = UserStore(wiring.redis), MfaStore(wiring.redis), wiring.get(OneUseTokens)
    passwords, regulator = wiring.get(Passwords), wiring.get(Regulator)
    wiring.add(
        SignIn(
            accounts=AccountStore(wiring.redis),
            users=users,
            mfa=mfa,
            passwords=passwords,
            regulator=regulator,
            challenges=one_use,
            sessions=wiring.get(Sessions),
            credentials=wiring.get(StorageCredentials),
            sealer=wiring.sealer,
            enrollment=wiring.get(TotpEnrollment),
            mfa_policy=wiring.get(MfaPolicy),
            auditor=wiring.auditor,
            clock=wiring.clock,
            challenge_seconds=wiring.settings.challenge_minutes * 60,
        ),
        PasswordReset(
            users,
            passwords,
            one_use,
            RegulationStore(wiring.redis),
            regulator,
            mfa,
            wiring.sealer,
            wiring.mailer,
            wiring.auditor,
            wiring.clock,
            wiring.settings.public_origin,
        ),
    )


CAPABILITY = Capability("sign-in", build, (*SIGN_IN_OPERATIONS, *RESET_OPERATIONS))
