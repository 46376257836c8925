"""Recovery codes: shown once, stored only as hashes, each accepted once.

Each code carries 80 random bits, so a plain SHA-256 is enough to keep stored hashes useless.
"""

from __future__ import annotations

import base64
import hashlib
import secrets

CODES_PER_USER = 10


def new_codes() -> list[str]:
    codes = []
    for _ in range(CODES_PER_USER):
        raw = base64.b32encode(secrets.token_bytes(10)).decode().lower()
        codes.append("-".join(raw[i : i + 4] for i in range(0, 16, 4)))
    return codes


def normalize(code: str) -> str:
    return code.strip().lower().replace(" ", "").replace("-", "")


def code_hash(code: str) -> str:
    return hashlib.sha256(normalize(code).encode()).hexdigest()
