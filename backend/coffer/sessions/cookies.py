"""The session cookie: HttpOnly, SameSite=Strict, Path=/, and Secure with the `__Host-` prefix.

Secure may be turned off only for plain-http loopback development; the prefix, which
browsers accept only on Secure cookies, goes with it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response


class SessionCookie:
    def __init__(self, secure: bool) -> None:
        self.secure = secure
        self.name = "__Host-coffer_session" if secure else "coffer_session"

    def read(self, request: Request) -> str | None:
        return request.cookies.get(self.name)

    def write(self, response: Response, token: str, max_age: int) -> None:
        response.set_cookie(
            self.name,
            token,
            max_age=max(max_age, 0),
            path="/",
            secure=self.secure,
            httponly=True,
            samesite="strict",
        )

    def clear(self, response: Response) -> None:
        response.delete_cookie(self.name, path="/", secure=self.secure, httponly=True, samesite="strict")
