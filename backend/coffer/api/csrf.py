"""CSRF guard for unsafe requests to the API (pure ASGI, like datasette's csrf.py).

Follows the OWASP "custom request header" defence plus Fetch Metadata: an unsafe request
must carry `X-Coffer-CSRF: 1`, which a cross-site form cannot send and a cross-site fetch
cannot send without a CORS preflight that Coffer never grants; if the browser says the
request is cross-site (`Sec-Fetch-Site`) or names a foreign `Origin`, it is refused too.
The session cookie's SameSite=Strict is a third, independent layer.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from coffer.api.problems import TYPE_BASE, Problem, problem_response

_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CSRFGuard:
    def __init__(self, app: ASGIApp, allowed_origin: str, protected_prefix: str = "/api/") -> None:
        self.app = app
        self.allowed_origin = allowed_origin.encode()
        self.protected_prefix = protected_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] in _SAFE_METHODS
            or not scope["path"].startswith(self.protected_prefix)
        ):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        reason = self._refusal(headers)
        if reason is None:
            await self.app(scope, receive, send)
            return
        response = problem_response(
            Problem(type=TYPE_BASE + "csrf", title="Cross-site request refused", status=403, detail=reason)
        )
        await response(scope, receive, send)

    def _refusal(self, headers: dict[bytes, bytes]) -> str | None:
        if headers.get(b"x-coffer-csrf") != b"1":
            return "The request lacks the X-Coffer-CSRF header that the console sends; it was refused."
        fetch_site = headers.get(b"sec-fetch-site")
        if fetch_site is not None and fetch_site not in (b"same-origin", b"none"):
            return "Requests from other sites are refused."
        origin = headers.get(b"origin")
        if origin is not None and origin != self.allowed_origin:
            return "Requests from other origins are refused."
        return None
