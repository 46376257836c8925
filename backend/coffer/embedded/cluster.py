"""The production topology as local processes (`make cluster`): nginx with TLS in front of N
`coffer serve` instances, on the embedded Redis, SeaweedFS and SMTP sink, all on loopback.

Tests and benchmarks use it to kill, restart and load instances the way an operator's would fail.
"""

from __future__ import annotations

import datetime
import ipaddress
import os
import shutil
import signal
import ssl
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from coffer.embedded.environment import coffer_environment
from coffer.embedded.ports import free_ports
from coffer.embedded.stack import EmbeddedStack, StorageTopology
from coffer.settings import Settings

NGINX_DIR = Path(__file__).resolve().parents[3] / "nginx"
_NGINX_FILES = ("nginx.conf", "security_headers.conf")
_READY_SECONDS = 60.0


class ClusterFailed(RuntimeError):
    """A process of the cluster did not come up; its log says why."""


def write_self_signed_certificate(directory: Path) -> None:
    """A certificate for 127.0.0.1 and localhost, for local use only."""
    directory.mkdir(parents=True, exist_ok=True)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Coffer local cluster")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    (directory / "cert.pem").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file = directory / "key.pem"
    key_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    key_file.chmod(0o600)


def write_nginx_prefix(
    prefix: Path,
    listen_port: int,
    instance_ports: list[int],
    frontend: Path | None,
    s3_port: int = 8444,
    s3_upstream: str = "127.0.0.1:8333",
) -> None:
    """The shipped nginx.conf with this cluster's listen, upstream, S3 front, certificate and frontend beside it."""
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "tmp").mkdir(exist_ok=True)
    for name in _NGINX_FILES:
        shutil.copyfile(NGINX_DIR / name, prefix / name)
    (prefix / "listen.conf").write_text(f"listen 127.0.0.1:{listen_port} ssl http2;\n", encoding="utf-8")
    servers = "".join(f"    server 127.0.0.1:{port} max_fails=2 fail_timeout=5s;\n" for port in instance_ports)
    upstream = f"upstream coffer_bff {{\n{servers}    keepalive 32;\n    keepalive_timeout 30s;\n}}\n"
    (prefix / "upstream.conf").write_text(upstream, encoding="utf-8")
    s3 = (
        f"upstream coffer_s3 {{\n    server {s3_upstream};\n    keepalive 16;\n}}\n"
        f'map "" $coffer_s3_origin {{\n    default "https://127.0.0.1:{s3_port}";\n}}\n'
    )
    (prefix / "s3.conf").write_text(s3, encoding="utf-8")
    (prefix / "s3_listen.conf").write_text(f"listen 127.0.0.1:{s3_port} ssl;\n", encoding="utf-8")
    if not (prefix / "tls" / "cert.pem").exists():
        write_self_signed_certificate(prefix / "tls")
    site = prefix / "frontend"
    if site.is_symlink() or site.exists():
        site.unlink() if site.is_symlink() else shutil.rmtree(site)
    if frontend is not None:
        site.symlink_to(frontend.resolve(), target_is_directory=True)
    else:
        site.mkdir()


def _answers(url: str, context: ssl.SSLContext | None = None) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1, context=context) as response:  # noqa: S310 - our own loopback URL
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def _globals() -> str:
    """In the foreground; workers as the invoking user, as they are anyway when it is not root.

    Started by root, nginx would hand its workers to `nobody`, who cannot read a private ./var.
    """
    return "daemon off; user root;" if os.geteuid() == 0 else "daemon off;"


class LocalCluster:
    """nginx (TLS, round robin) → `instances` BFF processes → one Redis, SeaweedFS (one `weed mini`, or
    with `storage="cluster"` a master, volume servers, a filer and S3 gateways behind their own
    balancer), one SMTP sink."""

    def __init__(
        self,
        var: Path,
        frontend: Path | None = None,
        instances: int = 2,
        port: int | None = None,
        settings: dict[str, Any] | None = None,
        storage: StorageTopology = "single",
    ) -> None:
        self.var = var.resolve()
        self.stack = EmbeddedStack(self.var, storage)
        self._frontend = frontend
        self._extra = settings or {}
        ports = free_ports(instances + (1 if port else 2))
        self.s3_port = ports.pop()  # nginx's TLS front of S3, where browsers upload
        self.port = port or ports.pop()
        self.instance_ports = ports
        self._instances: list[subprocess.Popen[bytes] | None] = [None] * instances
        self._nginx: subprocess.Popen[bytes] | None = None
        self._nginx_prefix = self.var / "nginx"

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    @property
    def s3_url(self) -> str:
        """S3 as browsers reach it: through nginx, over TLS (presigned links are signed for this host)."""
        return f"https://127.0.0.1:{self.s3_port}"

    def instance_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.instance_ports[index]}"

    @property
    def tls_certificate(self) -> Path:
        return self._nginx_prefix / "tls" / "cert.pem"

    def setting_values(self) -> dict[str, Any]:
        return {
            **self.stack.settings_overrides(),
            "public_origin": self.url,
            "public_s3_endpoint": self.s3_url,
            "trust_proxy_headers": True,
            **self._extra,
        }

    def settings(self) -> Settings:
        """The settings every instance runs with (tests build their own services from them)."""
        return Settings(**self.setting_values())

    def start(self, before_instances: Callable[[Settings], None] | None = None) -> None:
        try:
            self.stack.start()
            if before_instances is not None:
                before_instances(self.settings())
            for index in range(len(self._instances)):
                self.start_instance(index)
            self._start_nginx()
        except BaseException:
            self.stop()
            raise

    def process_ids(self) -> dict[str, int]:
        """The cluster's own processes (instances and nginx's master), for measuring what they use."""
        ids = {f"bff{index + 1}": process.pid for index, process in enumerate(self._instances) if process is not None}
        if self._nginx is not None:
            ids["nginx"] = self._nginx.pid
        return ids

    def instance_log(self, index: int) -> Path:
        return self.var / "logs" / f"bff{index + 1}.log"

    def start_instance(self, index: int) -> None:
        log = self.instance_log(index)
        log.parent.mkdir(parents=True, exist_ok=True)
        coffer = Path(sys.executable).parent / "coffer"
        port = str(self.instance_ports[index])
        with log.open("ab") as output:
            self._instances[index] = subprocess.Popen(  # noqa: S603 - our own command
                [str(coffer), "serve", "--host", "127.0.0.1", "--port", port],
                stdout=output,
                stderr=subprocess.STDOUT,
                env=coffer_environment(self.setting_values()),
                cwd=self.var,
            )
        self._wait(lambda: _answers(f"{self.instance_url(index)}/healthz"), f"BFF {index + 1} (see {log})")

    def stop_instance(self, index: int, kill: bool = False) -> None:
        """Ends one instance: SIGTERM (graceful) or SIGKILL (a crash)."""
        process = self._instances[index]
        if process is None:
            return
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._instances[index] = None

    def _start_nginx(self) -> None:
        write_nginx_prefix(
            self._nginx_prefix,
            self.port,
            self.instance_ports,
            self._frontend,
            s3_port=self.s3_port,
            s3_upstream=self.stack.storage.s3_address,
        )
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        log = self.var / "logs" / "nginx.log"
        with log.open("ab") as output:
            self._nginx = subprocess.Popen(  # noqa: S603 - Debian's nginx with our configuration
                [
                    nginx,
                    "-c",
                    str(self._nginx_prefix / "nginx.conf"),
                    "-p",
                    f"{self._nginx_prefix}/",
                    "-g",
                    _globals(),
                ],
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        context = ssl.create_default_context(cafile=str(self.tls_certificate))
        self._wait(lambda: _answers(f"{self.url}/healthz", context), f"nginx (see {log})")

    def _wait(self, ready: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + _READY_SECONDS
        while not ready():
            if time.monotonic() > deadline:
                raise ClusterFailed(f"{what} did not become ready")
            time.sleep(0.1)

    def stop(self) -> None:
        if self._nginx is not None:
            self._nginx.send_signal(signal.SIGQUIT)
            try:
                self._nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._nginx.kill()
            self._nginx = None
        for index in range(len(self._instances)):
            self.stop_instance(index)
        self.stack.stop()
