"""Passwords are argon2id hashes; verifying takes the same work whether or not the user exists.

A hash made with other parameters than the settings' is made again at the next sign-in, so raising
the costs reaches every person who signs in.

The policy follows ASVS 6.2: a minimum length, no composition rules, and a refusal of
passwords that a strength estimator (zxcvbn) finds guessable.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from zxcvbn import zxcvbn

_MIN_ZXCVBN_SCORE = 3
_MAX_LENGTH = 128


class Passwords:
    def __init__(self, time_cost: int, memory_kib: int, min_length: int) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=2, type=Type.ID)
        self._min_length = min_length
        # Unknown users are checked against this, so they cost the same as known ones.
        self._decoy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    @property
    def min_length(self) -> int:
        """The shortest password `weakness` lets through, for the forms to say so before they send one."""
        return self._min_length

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._decoy_hash, password) and password_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        """True when the hash was made with other parameters than the settings' (raised costs, old defaults)."""
        try:
            return self._hasher.check_needs_rehash(password_hash)
        except (InvalidHashError, ValueError):
            return False

    def weakness(self, password: str, personal: list[str]) -> str | None:
        """Why the password is refused, in words for the user, or None when it is acceptable."""
        if len(password) < self._min_length:
            return f"Use at least {self._min_length} characters."
        if len(password) > _MAX_LENGTH:
            return f"Use at most {_MAX_LENGTH} characters."
        verdict = zxcvbn(password[:100], user_inputs=personal)
        if int(verdict["score"]) < _MIN_ZXCVBN_SCORE:
            warning = str(verdict["feedback"].get("warning") or "").strip()
            reason = warning or "It is too easy to guess."
            return f"This password is too weak: {reason} Try a longer phrase of unrelated words."
        return None

    @staticmethod
    def one_time() -> str:
        """A first password to be changed at first sign-in."""
        return secrets.token_urlsafe(15)
