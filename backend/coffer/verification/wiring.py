"""Proving who someone is, shared by sign-in, password reset, the profile and step-up: passwords,
TOTP enrollment, the lockout regulator and the step-up check."""

from __future__ import annotations

from coffer.store.mfa import MfaStore
from coffer.store.regulation import RegulationStore, SignInFailureStore
from coffer.store.users import UserStore
from coffer.verification.devices import KnownDevices
from coffer.verification.enrollment import TotpEnrollment
from coffer.verification.passwords import Passwords
from coffer.verification.regulation import Regulator
from coffer.verification.step_up import StepUp
from coffer.wiring import Capability, Wiring


def build(wiring: Wiring) -> None:
    settings, clock = wiring.settings, wiring.clock
    passwords = Passwords(settings.argon2_time_cost, settings.argon2_memory_kib, settings.password_min_length)
    regulator = Regulator(
        RegulationStore(wiring.redis),
        SignInFailureStore(wiring.redis),
        KnownDevices(wiring.sealer, clock, settings.device_cookie_days * 86_400),
        clock,
        settings.lockout_failures,
        settings.lockout_minutes * 60,
        settings.ip_attempts_per_minute,
        settings.lockout_failure_delay_max_seconds,
    )
    wiring.add(
        passwords,
        regulator,
        TotpEnrollment(UserStore(wiring.redis), MfaStore(wiring.redis), wiring.sealer, clock, issuer_name="Coffer"),
        StepUp(passwords, regulator, MfaStore(wiring.redis), wiring.sealer, wiring.auditor, clock),
    )


CAPABILITY = Capability("verification", build)
