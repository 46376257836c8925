"""Secrets of the embedded mode, generated once under ./var/secrets with mode 0600 and kept."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path


def _write_private(path: Path, value: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(value + "\n")


def kept_secret(path: Path, make: str) -> str:
    """The secret stored at `path`, created with the generator named by `make` if missing."""
    if not path.exists():
        generators = {
            "key32": lambda: base64.b64encode(secrets.token_bytes(32)).decode(),
            "access_key": lambda: "COFFER" + secrets.token_hex(7).upper(),
            "secret_key": lambda: secrets.token_urlsafe(30),
        }
        _write_private(path, generators[make]())
    return path.read_text(encoding="utf-8").strip()


class EmbeddedSecrets:
    """The master key, the platform service identity and the STS signing key of one ./var."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.master_key_file = directory / "master-key"
        self.storage_secret_key_file = directory / "storage-secret-key"
        self.master_key = kept_secret(self.master_key_file, "key32")
        self.storage_access_key = kept_secret(directory / "storage-access-key", "access_key")
        self.storage_secret_key = kept_secret(self.storage_secret_key_file, "secret_key")
        self.sts_signing_key = kept_secret(directory / "sts-signing-key", "key32")
