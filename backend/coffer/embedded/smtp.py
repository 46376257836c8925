"""A local SMTP sink: every mail is kept in a Maildir under ./var (tests read the same sink)."""

from __future__ import annotations

from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


class EmbeddedSmtpSink:
    def __init__(self, directory: Path, port: int) -> None:
        directory.parent.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.port = port
        self._controller = Controller(Mailbox(directory), hostname="127.0.0.1", port=port)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()
