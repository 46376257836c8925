"""The signing keys of every token: Ed25519, kept in Redis with the private part sealed.

Each instance caches the keys for a short time (they are not business data); an unknown
`kid` refreshes the cache at most once a second, so a flood of forged kids costs little.
"""

from __future__ import annotations

import base64
import uuid

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


class KeyRing:
    def __init__(self, store: SigningKeyStore, sealer: Sealer, clock: Clock) -> None:
        self._store = store
        self._sealer = sealer
        self._clock = clock
        self._records: dict[str, SigningKeyRecord] = {}
        self._public: dict[str, Ed25519PublicKey] = {}
        self._current: tuple[str, Ed25519PrivateKey] | None = None
        self._loaded_at = float("-inf")

    async def ensure_key(self) -> None:
        """Creates the first key if the deployment has none (safe when instances start together)."""
        if await self._store.current_kid() is None:
            key = Ed25519PrivateKey.generate()
            kid = uuid.uuid4().hex[:16]
            pem = key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            await self._store.add_first(
                SigningKeyRecord(
                    kid=kid,
                    algorithm=ALGORITHM,
                    private_key_sealed=self._sealer.seal(pem, f"signing-key:{kid}"),
                    public_jwk=_public_jwk(kid, key.public_key()),
                    created_at=self._clock.now(),
                )
            )
        await self._load()

    async def _load(self) -> None:
        records = await self._store.all()
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
        self._loaded_at = self._clock.now()

    async def _fresh(self) -> None:
        if self._clock.now() - self._loaded_at > _CACHE_SECONDS or self._current is None:
            await self._load()

    async def signing_key(self) -> tuple[str, Ed25519PrivateKey]:
        await self._fresh()
        if self._current is None:
            # Redis lost its keys (a flush, a restore without them): sign on with a new first key rather
            # than fail every sign-in until a restart. Tokens of the lost keys cannot be verified anyway.
            await self.ensure_key()
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
        await self._fresh()
        return {"keys": [record.public_jwk for record in self._records.values()]}
