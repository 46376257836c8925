"""What a person does to themselves: their profile, password, MFA, recovery codes and own sessions."""

from __future__ import annotations

from coffer.profile.routes import OPERATIONS as PROFILE_OPERATIONS
from coffer.profile.service import Profile
from coffer.profile.session_routes import OPERATIONS as SESSION_OPERATIONS
from coffer.sessions.service import Sessions
from coffer.store.mfa import MfaStore
from coffer.store.users import UserStore
from coffer.verification.enrollment import TotpEnrollment
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        Profile(
            UserStore(wiring.redis),
            wiring.get(Passwords),
            wiring.get(Regulator),
            wiring.get(Sessions),
            MfaStore(wiring.redis),
            wiring.sealer,
            wiring.get(TotpEnrollment),
            wiring.auditor,
            wiring.clock,
        )
    )


CAPABILITY = Capability("own profile", build, (*PROFILE_OPERATIONS, *SESSION_OPERATIONS))
