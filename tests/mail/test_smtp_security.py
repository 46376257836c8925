"""Mail goes to a relay over STARTTLS or implicit TLS with AUTH, and credentials never cross a plain connection."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import mailbox
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pydantic import ValidationError

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.embedded.ports import free_ports
from coffer.embedded.smtp import EmbeddedSmtpSink
from coffer.embedded.stack import EmbeddedStack
from coffer.mail.service import Mailer
from coffer.mail.smtp import PlaintextCredentials, SmtpServer
from coffer.mail.templates import Message
from coffer.sealing import Sealer
from coffer.settings import Settings
from coffer.store.mail import MailRecord, MailStore
from coffer.wiring import smtp_server

from ..conftest import make_settings

USERNAME, PASSWORD = "coffer-relay", "relay password 8c1f"


@dataclass(frozen=True)
class Certificate:
    cert_file: Path
    key_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert_file, self.key_file)
        return context


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> Certificate:
    """A self-signed certificate for 127.0.0.1: the relay's, and the CA the client is told to trust."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "coffer test relay")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    directory = tmp_path_factory.mktemp("relay-tls")
    cert_file, key_file = directory / "relay.pem", directory / "relay.key"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return Certificate(cert_file, key_file)


@dataclass(frozen=True)
class Relay:
    port: int
    maildir: Path

    def subjects(self) -> list[str]:
        return [str(message["Subject"]) for message in mailbox.Maildir(self.maildir, create=True)]


@pytest.fixture
def relay(request: pytest.FixtureRequest, certificate: Certificate, tmp_path: Path) -> Iterator[Relay]:
    """The SMTP sink with TLS (implicit or STARTTLS, as the test's parameter says) and AUTH required."""
    (port,) = free_ports(1)
    sink = EmbeddedSmtpSink(
        tmp_path / "mail",
        port,
        tls=certificate.server_context(),
        implicit_tls=request.param == "tls",
        login=(USERNAME, PASSWORD),
    )
    sink.start()
    yield Relay(port, tmp_path / "mail")
    sink.stop()


def deliver_one(settings: Settings, server: SmtpServer | None, subject: str) -> MailRecord:
    """Queues one mail with a one-time password and runs one sender cycle; the mail's record after it."""
    clock = FixedClock(time.time())

    async def scenario() -> MailRecord:
        connection = redis_connection(settings)
        store = MailStore(connection.redis)
        try:
            mailer = Mailer(store, Sealer(settings.master_key_bytes()), clock, server, "coffer@localhost")
            mail_id = await mailer.send(["ops@example.com"], Message(subject, "one-time password: x", ("x",)))
            await mailer.deliver_due()
            (mail,) = [mail for mail in await store.newest(10) if mail.id == mail_id]
            return mail
        finally:
            await connection.close()

    return asyncio.run(scenario())


@pytest.mark.parametrize("relay", ["starttls", "tls"], indirect=True)
def test_mail_is_delivered_over_tls_with_auth_using_the_password_file_and_ca_file(
    stack: EmbeddedStack,
    settings: Settings,
    relay: Relay,
    certificate: Certificate,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    security = request.node.callspec.params["relay"]
    password_file = tmp_path / "smtp-password"
    password_file.write_text(PASSWORD + "\n")
    configured = make_settings(
        stack,
        smtp_port=relay.port,
        smtp_security=security,
        smtp_username=USERNAME,
        smtp_password_file=password_file,
        smtp_ca_file=certificate.cert_file,
    )
    assert configured.smtp_password.get_secret_value() == PASSWORD

    mail = deliver_one(settings, smtp_server(configured), f"Over {security}")

    assert (mail.status, mail.last_error) == ("sent", None)
    assert relay.subjects() == [f"Over {security}"]


@pytest.mark.parametrize("relay", ["starttls"], indirect=True)
def test_a_wrong_password_is_refused_and_the_mail_stays_queued(
    settings: Settings, relay: Relay, certificate: Certificate
) -> None:
    server = SmtpServer("127.0.0.1", relay.port, "starttls", USERNAME, "not it", certificate.cert_file, timeout=5)
    mail = deliver_one(settings, server, "Wrong password")
    assert mail.status == "queued" and "SMTPAuthenticationError" in (mail.last_error or "")
    assert relay.subjects() == []


@pytest.mark.parametrize("relay", ["starttls", "tls"], indirect=True)
def test_a_relay_whose_certificate_is_not_trusted_gets_no_mail_and_no_password(
    settings: Settings, relay: Relay, request: pytest.FixtureRequest
) -> None:
    security = request.node.callspec.params["relay"]
    server = SmtpServer("127.0.0.1", relay.port, security, USERNAME, PASSWORD, ca_file=None, timeout=5)
    mail = deliver_one(settings, server, "Untrusted")
    assert mail.status == "queued" and "CERTIFICATE_VERIFY_FAILED" in (mail.last_error or "")
    assert relay.subjects() == []


def test_starttls_against_a_server_without_it_fails_before_the_password_is_sent(settings: Settings) -> None:
    """The plain embedded sink offers no STARTTLS: the client stops instead of logging in in the clear."""
    assert settings.smtp_port is not None
    server = SmtpServer("127.0.0.1", settings.smtp_port, "starttls", USERNAME, PASSWORD, timeout=5)
    mail = deliver_one(settings, server, "No STARTTLS offered")
    assert mail.status == "queued" and "SMTPNotSupportedError" in (mail.last_error or "")


def test_a_server_with_credentials_but_no_tls_cannot_be_built() -> None:
    with pytest.raises(PlaintextCredentials):
        SmtpServer("127.0.0.1", 25, "none", USERNAME, PASSWORD)


@pytest.mark.parametrize(
    ("values", "named"),
    [
        ({"smtp_username": USERNAME}, "COFFER_SMTP_SECURITY"),
        ({"smtp_password": PASSWORD}, "COFFER_SMTP_SECURITY"),
        ({"smtp_security": "none", "smtp_username": USERNAME, "smtp_password": PASSWORD}, "plain connection"),
        ({"smtp_ca_file": "/etc/hostname"}, "COFFER_SMTP_CA_FILE"),
        ({"smtp_security": "tls", "smtp_ca_file": "/no/such/ca.pem"}, "COFFER_SMTP_CA_FILE"),
        ({"smtp_security": "ssl"}, "smtp_security"),
    ],
)
def test_bad_smtp_settings_stop_start_up_naming_the_setting(values: dict[str, Any], named: str) -> None:
    with pytest.raises(ValidationError, match=named):
        Settings(**values)
