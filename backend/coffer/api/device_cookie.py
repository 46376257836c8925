"""The browser's device cookie: read where a factor is checked, written at a successful sign-in.

The cookie is opaque here; `verification.devices` seals and opens it.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from coffer.api.context import wiring
from coffer.verification.devices import device_cookie_name


def device_token(request: Request) -> str | None:
    """The browser's device cookie (opaque here; the regulator opens it), if it sent one."""
    return request.cookies.get(device_cookie_name(wiring(request).settings.cookie_secure))


def write_device_cookie(request: Request, response: Response, token: str) -> None:
    """Long-lived, HttpOnly, SameSite=Strict and, like the session cookie, `__Host-` with Secure."""
    settings = wiring(request).settings
    response.set_cookie(
        device_cookie_name(settings.cookie_secure),
        token,
        max_age=settings.device_cookie_days * 86_400,
        path="/",
        secure=settings.cookie_secure,
        httponly=True,
        samesite="strict",
    )
