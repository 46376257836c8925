"""One try of a factor (a password, a TOTP or recovery code), wherever one is asked for.

Every try counts for the pair (username, client) in the regulator: it is a failure until it is known
to have passed, so a crash mid-check cannot be used to guess for free. A wrong answer is audited as the
caller describes it, and the lockout it may cause is audited as well, the same at sign-in, step-up,
password reset and in the profile.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TypeVar

from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.audit.service import Auditor
from coffer.verification.regulation import UNTRUSTED, Attempt, Regulator

T = TypeVar("T")


def lockout_detail(action: str, attempt: Attempt) -> str:
    """What an audited lockout says: which step's failures, and whether strangers or one known device are locked."""
    client = "clients without a device cookie" if attempt.client == UNTRUSTED else "one known device"
    return f"{action} failures; locked: {client}"


class FactorCheck:
    def __init__(self, regulator: Regulator, auditor: Auditor) -> None:
        self._regulator = regulator
        self._auditor = auditor

    async def check(
        self,
        username: str,
        device_token: str | None,
        passes: Callable[[], Awaitable[T | None]],
        failure: Exception,
        failure_event: AuditEvent,
        not_checked: tuple[type[Exception], ...] = (),
    ) -> T:
        """What `passes()` answered, when it is truthy; otherwise counts and audits the failure and raises `failure`.

        Raises Locked before checking anything when this client is locked for this username. An exception
        of a `not_checked` type from `passes` means no factor was checked: the try does not count."""
        attempt = await self._regulator.begin(username, device_token)
        try:
            passed = await passes()
        except not_checked:
            await self._regulator.passed(attempt)
            raise
        if not passed:
            locked = await self._regulator.failed(attempt)
            await self._auditor.record(failure_event)
            if locked:
                detail = lockout_detail(failure_event.action, attempt)
                await self._auditor.record(
                    dataclasses.replace(failure_event, action=events.LOCKOUT, result="success", detail=detail)
                )
            raise failure
        await self._regulator.passed(attempt)
        return passed
