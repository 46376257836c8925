"""Secrets at rest (TOTP secrets, private signing keys, STS credentials) are sealed with AES-GCM.

The purpose of each secret is bound as associated data, so a ciphertext copied to another
record (another user's TOTP secret, another session's credentials) fails to open.

Each sealed value names the master key that sealed it (a short fingerprint), so a deployment can
rotate the master key without downtime: instances seal with the current key and still open values
of the other keys they are given, until `coffer keys reseal` has sealed everything again.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_VERSION = "v2"
_UNNAMED = "v1"  # sealed before values named their key: tried with every key


class SealBroken(Exception):
    """A sealed value was tampered with, belongs elsewhere, or was sealed with a key not given."""


def key_id(master_key: bytes) -> str:
    """A fingerprint that tells keys apart and says nothing usable about them."""
    return hashlib.sha256(b"coffer master key id:" + master_key).hexdigest()[:12]


class Sealer:
    def __init__(self, master_key: bytes, other_keys: Sequence[bytes] = ()) -> None:
        for key in (master_key, *other_keys):
            if len(key) != 32:
                raise ValueError("a master key must be 32 bytes")
        self._current_id = key_id(master_key)
        self._current = AESGCM(master_key)
        self._by_id = {key_id(key): AESGCM(key) for key in (*other_keys, master_key)}

    def seal(self, plaintext: bytes, purpose: str) -> str:
        nonce = os.urandom(12)
        sealed = self._current.encrypt(nonce, plaintext, purpose.encode())
        return f"{_VERSION}.{self._current_id}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def open(self, sealed: str, purpose: str) -> bytes:
        version, _, rest = sealed.partition(".")
        if version == _VERSION:
            named, _, body = rest.partition(".")
            aead = self._by_id.get(named)
            if aead is None:
                raise SealBroken("sealed with a master key this instance is not given")
            candidates = [aead]
        elif version == _UNNAMED:
            body, candidates = rest, list(self._by_id.values())
        else:
            raise SealBroken("unknown seal version")
        try:
            raw = base64.urlsafe_b64decode(body)
        except ValueError as error:
            raise SealBroken("sealed value does not open") from error
        for candidate in candidates:
            try:
                return candidate.decrypt(raw[:12], raw[12:], purpose.encode())
            except (InvalidTag, ValueError):
                continue
        raise SealBroken("sealed value does not open")

    def is_current(self, sealed: str) -> bool:
        """True when the value is sealed with the key this instance seals with (nothing to reseal)."""
        return sealed.startswith(f"{_VERSION}.{self._current_id}.")
