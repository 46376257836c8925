"""Brute-force regulation of sign-in: nobody can lock anyone else out (OWASP "device cookies").

Failures lock the pair (username, client), where the client is a device known by its device cookie
(see `devices.py`) or, for every other client, "untrusted". So `lockout_failures` failures within
`lockout_minutes` from strangers lock only the clients without a device cookie for that username;
the person's own browser keeps working, and failures from it lock only it.

Each attempt counts as a failure from its start until it is known to be right, so a burst of parallel
guesses gets no more tries than one after the other. Past `lockout_failures` failures of a username a
day, from any client, each further failure is answered only after a delay that doubles (up to
`failure_delay_max_seconds`): guessing slows down for everyone, yet nobody is locked by it and a right
password never waits. Each client IP may try `ip_attempts_per_minute` times a minute.

Usernames are regulated whether or not they exist, so a lock tells nothing about existence.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import anyio

from coffer.clock import Clock
from coffer.domain_errors import DomainError
from coffer.store.regulation import RegulationStore, SignInFailureStore
from coffer.verification.devices import KnownDevices, subject_of

UNTRUSTED = "untrusted"
_THROTTLE_WINDOW = 24 * 3600
_FIRST_DELAY = 0.25


class Locked(DomainError):
    status, slug, title = 429, "locked", "Too many failed attempts"

    def __init__(self, until: float) -> None:
        super().__init__("locked")
        self._until = until

    @property
    def until(self) -> float:
        return self._until

    @property
    def detail(self) -> str:
        """The title says why; the detail says until when (the console shows `until` in local time)."""
        until = datetime.fromtimestamp(self._until, tz=UTC).strftime("%H:%M UTC")
        return f"Sign-in is locked until {until}."


def _wait(seconds: int) -> str:
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"


class RateLimited(DomainError):
    status, slug, title = 429, "rate-limited", "Too many requests"

    def __init__(self, retry_after: int) -> None:
        super().__init__("rate limited")
        self.retry_after = retry_after

    @property
    def detail(self) -> str:
        return f"Too many attempts. Try again in {_wait(self.retry_after)}."

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


@dataclass(frozen=True)
class Attempt:
    """One try of a factor by one client, counted as a failure until `passed`."""

    subject: str
    client: str
    member: str


class Regulator:
    def __init__(
        self,
        store: RegulationStore,
        failures: SignInFailureStore,
        devices: KnownDevices,
        clock: Clock,
        max_failures: int,
        lockout_seconds: int,
        ip_attempts_per_minute: int,
        failure_delay_max_seconds: float,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        self._store = store
        self._failures = failures
        self._devices = devices
        self._clock = clock
        self._max_failures = max_failures
        self._lockout = lockout_seconds
        self._ip_limit = ip_attempts_per_minute
        self._delay_max = failure_delay_max_seconds
        self._sleep = sleep

    async def admit_attempt(self, ip: str) -> None:
        """Counts an attempt from this IP; raises RateLimited past the limit."""
        attempts = await self._store.add_event("ip", ip, self._clock.now(), 60)
        if attempts > self._ip_limit:
            raise RateLimited(60)

    def client_of(self, username: str, device_token: str | None) -> str:
        """The known device's id when the token names one for this username, else UNTRUSTED."""
        return self._devices.device_of(device_token, username) or UNTRUSTED

    async def begin(self, username: str, device_token: str | None) -> Attempt:
        """Raises Locked when this client is locked for this username (or its window is full of tries)."""
        subject, client, now = subject_of(username), self.client_of(username, device_token), self._clock.now()
        locks = (await self._failures.locks_many([subject]))[0]
        until = locks.get(client)
        if until is not None and until > now:
            raise Locked(until)
        member = uuid.uuid4().hex
        if await self._failures.reserve(subject, client, member, now, self._lockout) > self._max_failures:
            await self._failures.release(subject, client, member)
            raise Locked(now + self._lockout)
        return Attempt(subject, client, member)

    async def passed(self, attempt: Attempt) -> None:
        """The factor was right: this try is no failure (the count of earlier ones stays; see `record_success`)."""
        await self._failures.release(attempt.subject, attempt.client, attempt.member)

    async def failed(self, attempt: Attempt) -> bool:
        """The try was wrong; True when it locked this client out. Slows the answer once a username is guessed at."""
        now = self._clock.now()
        count = await self._failures.count(attempt.subject, attempt.client, now, self._lockout)
        locked = count >= self._max_failures
        if locked:
            await self._failures.lock(attempt.subject, attempt.client, now + self._lockout, self._lockout)
        delay = self.failure_delay(await self._failures.add_username_failure(attempt.subject, now, _THROTTLE_WINDOW))
        if delay > 0:
            await self._sleep(delay)
        return locked

    def failure_delay(self, failures_today: int) -> float:
        """How long the answer to a username's n-th failure of the day waits: none at first, then doubling."""
        beyond = failures_today - self._max_failures
        if beyond <= 0 or self._delay_max <= 0:
            return 0.0
        return float(min(self._delay_max, _FIRST_DELAY * 2 ** min(beyond - 1, 30)))

    async def record_success(self, username: str, device_token: str | None) -> None:
        """A session opened (or the password was changed) on a known device: its failures are forgiven.

        Only that forgives a count: a right password alone must not, or someone who knows the password
        could guess codes forever, one per challenge. Strangers' failures are not the person's to forgive,
        so a success on an untrusted client leaves the untrusted count as it is.
        """
        device = self._devices.device_of(device_token, username)
        if device is not None:
            await self._failures.clear(subject_of(username), device)

    def remember_device(self, username: str, device_token: str | None) -> str:
        """The device cookie to set where a session opened: the browser becomes (stays) a known device."""
        token, _ = self._devices.remember(device_token, username)
        return token

    async def locked_until(self, username: str) -> float | None:
        (until,) = await self.locked_until_many([username])
        return until

    async def locked_until_many(self, usernames: list[str]) -> list[float | None]:
        """When each username's latest lock (of any client) ends; None where none holds now."""
        now = self._clock.now()
        found = await self._failures.locks_many([subject_of(username) for username in usernames])
        ends = [max((until for until in locks.values() if until > now), default=None) for locks in found]
        return ends

    async def unlock(self, username: str) -> None:
        """Lifts every lock of the username, strangers' and devices' alike (an admin, the CLI, a reset)."""
        await self._failures.unlock_all(subject_of(username))


@dataclass(frozen=True)
class AddressQuota:
    """How often mail may be asked for one address (a username's reset link, an account request's contact).

    Counted per (address, client IP), so a third party from one IP cannot use up someone else's quota;
    past a generous cap per address (asked for from many IPs at once), one more still goes out every
    `turn_seconds`: that slows a flood of mail to one person, and never stops it.
    """

    scope: str
    per_client: int
    per_address: int
    window_seconds: int
    turn_seconds: int

    async def wait(self, store: RegulationStore, address: str, ip: str, now: float) -> int | None:
        """None when one more may go out now; else how many seconds until the client may ask again."""
        if await store.add_event(f"{self.scope}-client", f"{address}|{ip}", now, self.window_seconds) > self.per_client:
            return self.window_seconds
        if await store.add_event(self.scope, address, now, self.window_seconds) <= self.per_address:
            return None
        return None if await store.take_turn(self.scope, address, self.turn_seconds) else self.turn_seconds
