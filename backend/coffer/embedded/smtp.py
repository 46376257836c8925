"""A local SMTP sink: every mail is kept in a Maildir under ./var (tests read the same sink).

It can also stand in for a production relay: TLS (implicit, or STARTTLS required before anything
else) and AUTH with one username and password, accepted only inside TLS.
"""

from __future__ import annotations

import hmac
import ssl
import warnings
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult, LoginPassword


class _OneLogin:
    """Accepts exactly one username and password (compared in constant time)."""

    def __init__(self, username: str, password: str) -> None:
        self._username = username.encode()
        self._password = password.encode()

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        same_user = hmac.compare_digest(auth_data.login, self._username)
        same_password = hmac.compare_digest(auth_data.password, self._password)
        # handled=False: aiosmtpd answers 235 or 535 itself.
        return AuthResult(success=same_user and same_password, handled=False)


class _Controller(Controller):
    def factory(self) -> Any:
        # With implicit TLS, AUTH inside it is safe; aiosmtpd warns because it cannot tell (see below).
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS", UserWarning)
            return super().factory()  # type: ignore[no-untyped-call]


class EmbeddedSmtpSink:
    def __init__(
        self,
        directory: Path,
        port: int,
        tls: ssl.SSLContext | None = None,
        implicit_tls: bool = False,
        login: tuple[str, str] | None = None,
    ) -> None:
        directory.parent.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.port = port
        options: dict[str, Any] = {}
        if tls is not None and implicit_tls:
            options["ssl_context"] = tls
        elif tls is not None:
            options |= {"tls_context": tls, "require_starttls": True}
        if login is not None:
            # aiosmtpd counts only a STARTTLS upgrade as TLS; with implicit TLS every connection is
            # TLS from its first byte, so its check would refuse AUTH altogether.
            inside_tls = tls is not None and implicit_tls
            options |= {"authenticator": _OneLogin(*login), "auth_required": True, "auth_require_tls": not inside_tls}
        self._controller = _Controller(Mailbox(directory), hostname="127.0.0.1", port=port, **options)

    def start(self) -> None:
        self._controller.start()

    def stop(self) -> None:
        self._controller.stop()
