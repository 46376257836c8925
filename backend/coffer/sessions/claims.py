"""What a session token says about its holder."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from coffer.store.users import Role


class SessionClaims(BaseModel):
    sub: str
    sid: str
    ver: int
    role: Role
    acct: str | None
    auth_time: int
    iat: int
    exp: int

    @classmethod
    def from_token(cls, claims: dict[str, Any]) -> SessionClaims:
        return cls.model_validate(claims)
