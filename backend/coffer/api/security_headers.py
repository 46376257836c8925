"""Security headers on every response, so the embedded console is as strict as nginx in front of it.

Scripts only from our own origin (no inline scripts); styles may be inline because the component
library sets CSS variables and style attributes at run time; no framing. The page may connect to
its own origin and to the storage system's S3 endpoint only: uploads go there straight from the
browser with presigned links.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
)
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def content_security_policy(connect_sources: tuple[str, ...] = ()) -> str:
    """CONTENT_SECURITY_POLICY with more origins the page may connect to (the S3 endpoint of uploads)."""
    if not connect_sources:
        return CONTENT_SECURITY_POLICY
    return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", " ".join(("connect-src 'self'", *connect_sources)))


# What nginx sends on static files (nginx/security_headers.conf): the origin comes from its s3.conf.
NGINX_CONTENT_SECURITY_POLICY = content_security_policy(("$coffer_s3_origin",))


def origin_of(url: str) -> str:
    """scheme://host[:port] of a URL, as a CSP source names it."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


class SecurityHeaders:
    def __init__(self, app: ASGIApp, connect_sources: tuple[str, ...] = ()) -> None:
        self.app = app
        self._headers = {**_HEADERS, "Content-Security-Policy": content_security_policy(connect_sources)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self._headers.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
