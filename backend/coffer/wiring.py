"""How an app instance is put together: the boundaries once, then each capability's services.

Each capability declares itself next to its code (`<capability>/wiring.py`: its `build` and its API
operations); `build` takes what it needs from the `Wiring` (the boundaries, and other capabilities'
services), so a capability's dependencies are read in its own folder. The app factory lists the
capabilities in the order their operations appear in the API; `build_all` builds each one once what
it asks for exists, so that list need not follow the dependencies.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar, cast

from coffer.audit.service import Auditor
from coffer.clock import Clock
from coffer.mail.service import Mailer
from coffer.mail.smtp import SmtpServer
from coffer.providers.base import StorageProvider
from coffer.sealing import Sealer
from coffer.settings import Settings
from coffer.store.audit import AuditStore
from coffer.store.client import RedisClient, RedisConnection
from coffer.store.locks import LockStore
from coffer.store.mail import MailStore

if TYPE_CHECKING:
    from coffer.api.operations import Operation

T = TypeVar("T")


class NotBuilt(LookupError):
    """A capability asked for a service that no capability has built (yet)."""


def smtp_server(settings: Settings) -> SmtpServer | None:
    """Where mail goes; none (no port): mail stays queued."""
    if settings.smtp_port is None:
        return None
    return SmtpServer(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_security,
        settings.smtp_username,
        settings.smtp_password.get_secret_value(),
        settings.smtp_ca_file,
    )


class Wiring:
    """The boundaries every capability may use, and the services built so far, one per type."""

    def __init__(
        self, settings: Settings, clock: Clock, connection: RedisConnection, provider: StorageProvider
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.connection = connection
        self.provider = provider
        self.sealer = Sealer(settings.master_key_bytes(), settings.extra_master_keys())
        self.auditor = Auditor(
            AuditStore(self.redis, settings.audit_max_events, settings.audit_retention_days * 86_400), clock
        )
        self.mailer = Mailer(MailStore(self.redis), self.sealer, clock, smtp_server(settings), settings.mail_from)
        self.locks = LockStore(self.redis)
        self._services: dict[type[Any], object] = {}

    @property
    def redis(self) -> RedisClient:
        """For building stores; only stores use it."""
        return self.connection.redis

    def add(self, *services: object) -> None:
        for service in services:
            kind = type(service)
            if kind in self._services:
                raise ValueError(f"{kind.__name__} is built twice: one capability builds each service")
            self._services[kind] = service

    def get(self, kind: type[T]) -> T:
        try:
            return cast(T, self._services[kind])
        except KeyError:
            raise NotBuilt(f"nothing built a {kind.__name__}") from None

    def built(self) -> frozenset[str]:
        """The names of the services built so far."""
        return frozenset(kind.__name__ for kind in self._services)

    @contextlib.contextmanager
    def all_or_nothing(self) -> Iterator[None]:
        """What is added inside the block stays only if the block finishes."""
        before = set(self._services)
        try:
            yield
        except BaseException:
            for kind in set(self._services) - before:
                del self._services[kind]
            raise


@dataclass(frozen=True)
class Capability:
    """One capability as the app factory lists it: how its services are built, and its API."""

    name: str
    build: Callable[[Wiring], None]
    operations: Sequence[Operation] = field(default_factory=tuple)


def build_all(wiring: Wiring, capabilities: Sequence[Capability]) -> Wiring:
    """Builds every capability; one that needs another's service waits for the next round."""
    waiting = list(capabilities)
    while waiting:
        missing: dict[str, str] = {}
        for capability in waiting:
            try:
                with wiring.all_or_nothing():
                    capability.build(wiring)
            except NotBuilt as error:
                missing[capability.name] = str(error)
        if len(missing) == len(waiting):
            raise NotBuilt("; ".join(f"{name}: {reason}" for name, reason in missing.items()))
        waiting = [capability for capability in waiting if capability.name in missing]
    return wiring
