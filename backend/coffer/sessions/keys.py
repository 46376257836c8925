"""The signing keys of every token, kept in Redis with the private part sealed.

New keys are ES256 (P-256): on this project's machines verifying one costs about half what an
Ed25519 (EdDSA) signature does, and every request with a token an instance has not seen pays it.
Each key record names its algorithm and a token is verified only with the algorithm of the key its
`kid` names, so keys made before the switch (EdDSA) verify their tokens until they retire, and a
token cannot choose a different algorithm for a key than the one the key was made for.

Each instance caches the keys for a short time (they are not business data); an unknown
`kid` refreshes the cache at most once a second, so a flood of forged kids costs little.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from coffer.clock import Clock
from coffer.sealing import Sealer
from coffer.store.signing_keys import SigningKeyRecord, SigningKeyStore

ALGORITHM = "ES256"  # of the keys made from now on
ALGORITHMS = ("ES256", "EdDSA")  # that a key record may name; EdDSA for keys made before ES256
_P256_BYTES = 32
_CACHE_SECONDS = 60.0
_MISS_REFRESH_SECONDS = 1.0

PublicKey = ec.EllipticCurvePublicKey | Ed25519PublicKey
PrivateKey = ec.EllipticCurvePrivateKey | Ed25519PrivateKey


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64url_int(value: int) -> str:
    return _b64url(value.to_bytes(_P256_BYTES, "big"))


def _int_b64url(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=="), "big")


def _public_jwk(kid: str, public_key: ec.EllipticCurvePublicKey) -> dict[str, str]:
    numbers = public_key.public_numbers()
    return {
        "kty": "EC",
        "crv": "P-256",
        "x": _b64url_int(numbers.x),
        "y": _b64url_int(numbers.y),
        "kid": kid,
        "alg": ALGORITHM,
        "use": "sig",
    }


def _public_key(record: SigningKeyRecord) -> PublicKey:
    jwk = record.public_jwk
    if record.algorithm == "ES256" and jwk.get("crv") == "P-256":
        return ec.EllipticCurvePublicNumbers(_int_b64url(jwk["x"]), _int_b64url(jwk["y"]), ec.SECP256R1()).public_key()
    if record.algorithm == "EdDSA" and jwk.get("crv") == "Ed25519":
        return Ed25519PublicKey.from_public_bytes(base64.urlsafe_b64decode(jwk["x"] + "=="))
    raise TypeError(f"signing key {record.kid} has an algorithm Coffer does not verify: {record.algorithm}")


@dataclass(frozen=True)
class VerifyingKey:
    """A public key and the one algorithm tokens naming it may be signed with."""

    algorithm: str
    key: PublicKey


@dataclass(frozen=True)
class SigningKey:
    kid: str
    algorithm: str
    key: PrivateKey


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
        self._public: dict[str, VerifyingKey] = {}
        self._current: SigningKey | None = None
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
        current = self._current.kid if self._current else None
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
        key = ec.generate_private_key(ec.SECP256R1())
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
        public = {kid: VerifyingKey(record.algorithm, _public_key(record)) for kid, record in records.items()}
        current = None
        if current_kid is not None and current_kid in records:
            record = records[current_kid]
            pem = self._sealer.open(record.private_key_sealed, f"signing-key:{current_kid}")
            private = serialization.load_pem_private_key(pem, password=None)
            if not isinstance(private, ec.EllipticCurvePrivateKey | Ed25519PrivateKey):
                raise TypeError(f"the current signing key {current_kid} is neither P-256 nor Ed25519")
            current = SigningKey(current_kid, record.algorithm, private)
        self._records, self._public, self._current = records, public, current
        self._loaded_at = now

    async def _fresh(self) -> None:
        if self._clock.now() - self._loaded_at > _CACHE_SECONDS or self._current is None:
            await self._load()

    async def signing_key(self) -> SigningKey:
        """The key Redis names as current now, not the cached one.

        Signing is rare (sign-in, renewal), so it pays one GET to never sign with a key that other
        instances do not know: a rotation takes effect at once everywhere, and after Redis lost its keys
        (a flush, a restore without them) sign-in goes on with a new first key instead of issuing
        tokens that die at the next cache refresh.
        """
        current_kid = await self._store.current_kid()
        if current_kid is None:
            await self.ensure_key()
        elif self._current is None or self._current.kid != current_kid:
            await self._load()
        if self._current is None:
            raise NoSuchKey("no current signing key")
        return self._current

    async def public_key(self, kid: str) -> VerifyingKey:
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
