"""Holding one slow call at its slow point while another change runs, for tests of changes made at once.

The pause is the only thing not real: a real storage system or argon2 run cannot be made slow on demand.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import anyio.to_thread
from starlette.testclient import TestClient

from coffer.app import build_provider, create_app
from coffer.providers.base import StorageProvider, TemporaryCredentials
from coffer.settings import Settings

if TYPE_CHECKING:
    from .conftest import Team


_WAIT = 30  # seconds: generous, only a hung test ever waits that long


class Pause:
    """Holds one call at its slow point until the test lets it go."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.go = threading.Event()

    def hold(self) -> None:
        self.reached.set()
        assert self.go.wait(_WAIT), "the test never let the paused call go"

    def run_while_held(self, slow: Callable[[], Any], change: Callable[[], Any]) -> Any:
        """Starts `slow` in a thread, runs `change` once `slow` is held, then lets `slow` finish."""
        result: list[Any] = []
        worker = threading.Thread(target=lambda: result.append(slow()))
        worker.start()
        assert self.reached.wait(_WAIT), "the slow call never reached its pause"
        try:
            change()
        finally:
            self.go.set()
            worker.join(_WAIT)
        return result[0]


class SlowSts:
    """The real provider, whose STS AssumeRole waits at the pause first."""

    def __init__(self, real: StorageProvider, pause: Pause) -> None:
        self._real = real
        self._pause = pause

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    async def assume_console_role(self, *args: Any, **kwargs: Any) -> TemporaryCredentials:
        await anyio.to_thread.run_sync(self._pause.hold)
        return await self._real.assume_console_role(*args, **kwargs)


def client_with(settings: Settings, team: Team, provider: Callable[[Settings], Any] = build_provider) -> TestClient:
    client: TestClient = team.opened.enter_context(
        TestClient(create_app(settings, team.clock, provider_factory=provider), base_url="https://testserver")
    )
    client.headers["X-Coffer-CSRF"] = "1"
    return client
