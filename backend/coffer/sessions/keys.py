"""The signing keys of every token: Ed25519, kept in Redis with the private part sealed.

Each instance caches the keys for a short time (they are not business data); an unknown
`kid` refreshes the cache at most once a second, so a flood of forged kids costs little.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from coffer.clock import Clock
from coffer.sealing import Sealer
from coffer.store.signing_keys import SigningKeyRecord, SigningKeyStore

ALGORITHM = "EdDSA"
_CACHE_SECONDS = 60.0
_MISS_REFRESH_SECONDS = 1.0


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _public_jwk(kid: str, public_key: Ed25519PublicKey) -> dict[str, str]:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw), "kid": kid, "alg": ALGORITHM, "use": "sig"}


class NoSuchKey(Exception):
    """A token names a key this deployment does not have."""


@dataclass(frozen=True)
class SigningKeyInfo:
    kid: str
    created_at: float
    retires_at: float | None
    current: bool


class KeyRing:
    """`retire_after_seconds` is the life of the longest-lived token: a replaced key verifies that long."""

    def __init__(self, store: SigningKeyStore, sealer: Sealer, clock: Clock, retire_after_seconds: float) -> None:
        self._store = store
        self._sealer = sealer
        self._clock = clock
        self._retire_after = retire_after_seconds
        self._records: dict[str, SigningKeyRecord] = {}
        self._public: dict[str, Ed25519PublicKey] = {}
        self._current: tuple[str, Ed25519PrivateKey] | None = None
        self._loaded_at = float("-inf")

    async def ensure_key(self) -> None:
        """Creates the first key if the deployment has none (safe when instances start together)."""
        if await self._store.current_kid() is None:
            await self._store.add_first(self._new_record())
        await self._load()

    async def rotate(self) -> str:
        """A new key signs from now on, on every instance; the replaced one verifies until its tokens expired."""
        record = self._new_record()
        now = self._clock.now()
        await self._store.rotate(record, retires_at=now + self._retire_after, now=now)
        await self._load()
        return record.kid

    async def describe(self) -> list[SigningKeyInfo]:
        """The keys in force, the current one first."""
        await self._load()
        current = self._current[0] if self._current else None
        infos = [
            SigningKeyInfo(kid, record.created_at, record.retires_at, kid == current)
            for kid, record in self._records.items()
        ]
        return sorted(infos, key=lambda info: (not info.current, -info.created_at))

    async def reseal(self) -> int:
        """Seals every private key again with the master key in force; the count of keys changed."""
        changed = 0
        for kid, record in (await self._store.all()).items():
            purpose = f"signing-key:{kid}"
            if self._sealer.is_current(record.private_key_sealed):
                continue
            fresh = self._sealer.seal(self._sealer.open(record.private_key_sealed, purpose), purpose)
            changed += await self._store.replace_sealed(kid, record.private_key_sealed, fresh)
        return changed

    def _new_record(self) -> SigningKeyRecord:
        key = Ed25519PrivateKey.generate()
        kid = uuid.uuid4().hex[:16]
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return SigningKeyRecord(
            kid=kid,
            algorithm=ALGORITHM,
            private_key_sealed=self._sealer.seal(pem, f"signing-key:{kid}"),
            public_jwk=_public_jwk(kid, key.public_key()),
            created_at=self._clock.now(),
        )

    async def _load(self) -> None:
        now = self._clock.now()
        records = {
            kid: record
            for kid, record in (await self._store.all()).items()
            if record.retires_at is None or record.retires_at > now
        }
        current_kid = await self._store.current_kid()
        public: dict[str, Ed25519PublicKey] = {}
        for kid, record in records.items():
            raw = base64.urlsafe_b64decode(record.public_jwk["x"] + "==")
            public[kid] = Ed25519PublicKey.from_public_bytes(raw)
        current = None
        if current_kid is not None and current_kid in records:
            pem = self._sealer.open(records[current_kid].private_key_sealed, f"signing-key:{current_kid}")
            private = serialization.load_pem_private_key(pem, password=None)
            if not isinstance(private, Ed25519PrivateKey):
                raise TypeError("the current signing key is not Ed25519")
            current = (current_kid, private)
        self._records, self._public, self._current = records, public, current
        self._loaded_at = now

    async def _fresh(self) -> None:
        if self._clock.now() - self._loaded_at > _CACHE_SECONDS or self._current is None:
            await self._load()

    async def signing_key(self) -> tuple[str, Ed25519PrivateKey]:
        """The key Redis names as current now, not the cached one.

        Signing is rare (sign-in, renewal), so it pays one GET to never sign with a key that other
        instances do not know: a rotation takes effect at once everywhere, and after Redis lost its keys
        (a flush, a restore without them) sign-in goes on with a new first key instead of issuing
        tokens that die at the next cache refresh.
        """
        current_kid = await self._store.current_kid()
        if current_kid is None:
            await self.ensure_key()
        elif self._current is None or self._current[0] != current_kid:
            await self._load()
        if self._current is None:
            raise NoSuchKey("no current signing key")
        return self._current

    async def public_key(self, kid: str) -> Ed25519PublicKey:
        await self._fresh()
        if kid not in self._public and self._clock.now() - self._loaded_at > _MISS_REFRESH_SECONDS:
            await self._load()
        try:
            return self._public[kid]
        except KeyError:
            raise NoSuchKey(kid) from None

    async def jwks(self) -> dict[str, list[dict[str, str]]]:
        """Fresh to the second: a key another instance just rotated in is published before its tokens spread."""
        if self._clock.now() - self._loaded_at > _MISS_REFRESH_SECONDS:
            await self._load()
        return {"keys": [record.public_jwk for record in self._records.values()]}
