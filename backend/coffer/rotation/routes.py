"""The token signing keys in force, and their rotation, for platform admins."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from starlette.requests import Request

from coffer.api.context import service_of
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc, utc_or_none
from coffer.authorization import Action
from coffer.rotation.service import KeyRotation
from coffer.sessions.keys import SigningKeyInfo


class SigningKey(BaseModel):
    kid: str
    created_at: datetime
    current: bool
    # When a replaced key stops verifying: the moment the last token it signed has expired.
    retires_at: datetime | None


class SigningKeys(BaseModel):
    keys: list[SigningKey]


def _listing(infos: list[SigningKeyInfo]) -> SigningKeys:
    return SigningKeys(
        keys=[
            SigningKey(
                kid=info.kid,
                created_at=utc(info.created_at),
                current=info.current,
                retires_at=utc_or_none(info.retires_at),
            )
            for info in infos
        ]
    )


async def list_signing_keys(request: Request, body: None) -> SigningKeys:
    return _listing(await service_of(request, KeyRotation).signing_keys())


async def rotate_signing_key(request: Request, body: None) -> SigningKeys:
    rotation = service_of(request, KeyRotation)
    await rotation.rotate_signing_key(user_of(request).username, client_ip(request))
    return _listing(await rotation.signing_keys())


_PATH = "/api/v1/security-policy/signing-keys"
OPERATIONS = [
    Operation(
        "GET",
        _PATH,
        "listSigningKeys",
        "The keys that sign and verify session tokens (public parts are at /.well-known/jwks.json)",
        list_signing_keys,
        "profile",
        response=SigningKeys,
        errors=(403,),
        action=Action.POLICY_READ,
    ),
    Operation(
        "POST",
        _PATH,
        "rotateSigningKey",
        "A new key signs from now on; the replaced one verifies until every token it signed has expired",
        rotate_signing_key,
        "profile",
        response=SigningKeys,
        errors=(403,),
        action=Action.POLICY_MANAGE,
    ),
]
