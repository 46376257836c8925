"""The platform's security policy: where MFA is required, and the rules in force."""

from __future__ import annotations

from coffer.security_policy.routes import OPERATIONS
from coffer.security_policy.service import MfaPolicy
from coffer.store.mfa_policy import MfaPolicyStore
from coffer.store.users import UserStore
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    wiring.add(
        MfaPolicy(
            MfaPolicyStore(wiring.redis), UserStore(wiring.redis), wiring.auditor, wiring.settings.mfa_required_default
        )
    )


CAPABILITY = Capability("security policy", build, OPERATIONS)
