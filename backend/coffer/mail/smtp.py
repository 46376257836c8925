"""The SMTP server Coffer hands its mail to: plain, STARTTLS or implicit TLS, with or without AUTH.

Credentials never cross a plain connection: a username with security "none" is refused when the
server is built, and with STARTTLS the login happens only after the upgrade succeeded (a server that
does not offer STARTTLS fails the send instead of receiving the password in the clear). TLS verifies
the server's certificate and name, against the system's CAs or the CA file given.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from pathlib import Path
from typing import Literal

SmtpSecurity = Literal["none", "starttls", "tls"]


class PlaintextCredentials(ValueError):
    """A username was given for a connection without TLS."""


class SmtpServer:
    def __init__(
        self,
        host: str,
        port: int,
        security: SmtpSecurity = "none",
        username: str = "",
        password: str = "",
        ca_file: Path | None = None,
        timeout: float = 10.0,
    ) -> None:
        if username and security == "none":
            raise PlaintextCredentials("SMTP credentials are sent only over STARTTLS or TLS")
        self._host = host
        self._port = port
        self._security = security
        self._username = username
        self._password = password
        self._timeout = timeout
        self._tls = ssl.create_default_context(cafile=ca_file) if security != "none" else None

    def deliver(self, message: EmailMessage) -> None:
        """Sends one message (blocking: run it in a thread). Raises OSError or smtplib.SMTPException."""
        if self._security == "tls":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(self._host, self._port, timeout=self._timeout, context=self._tls)
        else:
            smtp = smtplib.SMTP(self._host, self._port, timeout=self._timeout)
        with smtp:
            if self._security == "starttls":
                smtp.starttls(context=self._tls)
            if self._username:
                smtp.login(self._username, self._password)
            smtp.send_message(message)
