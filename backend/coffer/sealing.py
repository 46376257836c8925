"""Secrets at rest (TOTP secrets, private signing keys, STS credentials) are sealed with AES-GCM.

The purpose of each secret is bound as associated data, so a ciphertext copied to another
record (another user's TOTP secret, another session's credentials) fails to open.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = "v1"


class SealBroken(Exception):
    """A sealed value was tampered with, belongs elsewhere, or was sealed with another key."""


class Sealer:
    def __init__(self, master_key: bytes) -> None:
        if len(master_key) != 32:
            raise ValueError("the master key must be 32 bytes")
        self._aead = AESGCM(master_key)

    def seal(self, plaintext: bytes, purpose: str) -> str:
        nonce = os.urandom(12)
        sealed = self._aead.encrypt(nonce, plaintext, purpose.encode())
        return f"{_VERSION}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def open(self, sealed: str, purpose: str) -> bytes:
        version, _, body = sealed.partition(".")
        if version != _VERSION:
            raise SealBroken("unknown seal version")
        try:
            raw = base64.urlsafe_b64decode(body)
            return self._aead.decrypt(raw[:12], raw[12:], purpose.encode())
        except (InvalidTag, ValueError) as error:
            raise SealBroken("sealed value does not open") from error
