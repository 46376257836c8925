"""The platform service identity's key, read again from its files when they change.

Rotating it then needs no restart of any instance: add a second key to the identity in the
storage system, write it into the files, wait until every instance uses it (seconds), and remove
the old key from the storage system.
"""

from __future__ import annotations

import contextlib
import threading
import time
from pathlib import Path

from botocore.credentials import CredentialProvider, Credentials, ReadOnlyCredentials

_CHECK_SECONDS = 2.0


class RereadCredentials(Credentials):
    """botocore asks for frozen credentials at every signature; the files are looked at every 2 s."""

    def __init__(self, access_key_file: Path, secret_key_file: Path) -> None:
        self._files = (access_key_file, secret_key_file)
        self._lock = threading.Lock()
        self._stamp: tuple[float, float] | None = None
        self._checked_at = float("-inf")
        super().__init__("", "")
        self._reload()

    def _reload(self) -> None:
        stamp = (self._files[0].stat().st_mtime, self._files[1].stat().st_mtime)
        if stamp != self._stamp:
            self.access_key = self._files[0].read_text(encoding="utf-8").strip()
            self.secret_key = self._files[1].read_text(encoding="utf-8").strip()
            self._stamp = stamp

    def get_frozen_credentials(self) -> ReadOnlyCredentials:
        with self._lock:
            if time.monotonic() - self._checked_at > _CHECK_SECONDS:
                self._checked_at = time.monotonic()
                with contextlib.suppress(OSError):  # a file being replaced now: keep the key, look again soon
                    self._reload()
            return ReadOnlyCredentials(self.access_key, self.secret_key, None)


class RereadCredentialProvider(CredentialProvider):
    METHOD = "coffer-service-identity-files"
    CANONICAL_NAME = "coffer-service-identity-files"

    def __init__(self, credentials: RereadCredentials) -> None:
        super().__init__()
        self._credentials = credentials

    def load(self) -> RereadCredentials:
        return self._credentials
