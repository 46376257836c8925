"""What every benchmark needs: the embedded stack, one `coffer serve` process, a signed-in platform admin."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import boto3
import botocore.config
import botocore.session
import httpx2 as httpx
import psutil
import pyotp

from coffer.app import connected_services
from coffer.embedded.environment import coffer_environment
from coffer.embedded.ports import free_ports
from coffer.embedded.stack import EmbeddedStack
from coffer.providers.base import TemporaryCredentials
from coffer.providers.listing_parse import read_listings_once
from coffer.providers.timestamps import use_fast_timestamps
from coffer.provisioning.saga import Provisioning
from coffer.sessions.cookies import SessionCookie
from coffer.sessions.service import Sessions
from coffer.settings import Settings
from coffer.users.service import UserRegistry

PASSWORD = "bench marks are honest when measured"
CGROUP_CPU = Path("/sys/fs/cgroup/cpu")  # cgroup v1's cpu controller, as on this machine
T = TypeVar("T")


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def with_services(settings: Settings, work: Callable[[Any], Awaitable[T]]) -> T:
    """Runs `work(services)` against the same Redis and storage the server uses (set-up, never measured)."""

    async def run() -> T:
        async with connected_services(settings) as services:
            return await work(services)

    return asyncio.run(run())


def sign_in(client: httpx.Client, username: str, one_time_password: str, secure: bool = False) -> str:
    """A first sign-in over HTTP as the browser makes it (new password, TOTP enrollment); the session token
    (`secure`: over TLS, where the cookie has its __Host- name)."""

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = client.post(path, json=body, headers={"X-Coffer-CSRF": "1"})
        answer.raise_for_status()
        return dict(answer.json())

    step = post("/api/v1/auth/login", {"username": username, "password": one_time_password})
    step = post("/api/v1/auth/password", {"challenge": step["challenge"], "new_password": PASSWORD})
    secret = post("/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})["secret"]
    post("/api/v1/auth/mfa/enrollment/confirm", {"challenge": step["challenge"], "code": pyotp.TOTP(secret).now()})
    token = client.cookies.get(SessionCookie(secure=secure).name)
    assert token, "signed in, but no session cookie"
    return str(token)


def sign_in_admin(client: httpx.Client, settings: Settings, secure: bool = False) -> str:
    """A platform admin made for the benchmark, signed in for the first time; the session token."""

    async def create(services: Any) -> str:
        created = await services.get(UserRegistry).create(
            "bench", "Bench", "bench@example.com", "platform-admin", None, actor="bench"
        )
        return str(created.one_time_password)

    return sign_in(client, "bench", with_services(settings, create), secure)


def fresh_tokens(settings: Settings, token: str, count: int) -> list[str]:
    """`count` tokens of the session `token` belongs to, none of which the server has seen: each request
    made with one pays the whole session check (signature included), as the first request after every
    renewal, or the first one at another instance, does. Re-using one token would measure the
    instance's cache of verified tokens instead."""

    async def mint(services: Any) -> list[str]:
        claims, _ = await services.get(Sessions).authenticate(token)
        return [(await services.get(Sessions).renew(claims))[0] for _ in range(count)]

    return with_services(settings, mint)


def cookie_header(token: str, secure: bool = False) -> dict[str, str]:
    return {"Cookie": f"{SessionCookie(secure=secure).name}={token}"}


@contextlib.contextmanager
def console_with_admin(**extra: Any) -> Iterator[tuple[Settings, httpx.Client]]:
    """A running console (separate process, like production) and an HTTP client signed in as platform admin;
    `extra` settings are passed to it (e.g. metering_enabled=False when the benchmark drives the collector)."""
    with tempfile.TemporaryDirectory() as var:
        stack = EmbeddedStack(Path(var))
        stack.start()
        (port,) = free_ports(1)
        overrides = {
            **stack.settings_overrides(),
            "cookie_secure": False,
            "public_origin": f"http://127.0.0.1:{port}",
            **extra,
        }
        environment = coffer_environment(overrides)
        log = Path(tempfile.gettempdir()) / "coffer-bench-server.log"  # outlives the run: read it after a failure
        with log.open("wb") as output:
            server = subprocess.Popen(  # noqa: S603
                [str(Path(sys.executable).parent / "coffer"), "serve", "--port", str(port)],
                env=environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            settings = Settings(**overrides)
            with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
                deadline = time.monotonic() + 30
                while True:
                    try:
                        if client.get("/healthz").status_code == 200:
                            break
                    except httpx.HTTPError:
                        if time.monotonic() > deadline:
                            raise
                    time.sleep(0.1)
                sign_in_admin(client, settings)
                yield settings, client
        finally:
            server.terminate()
            server.wait(10)
            stack.stop()


def timed_gets(
    client: httpx.Client,
    paths: list[str],
    rounds: int,
    warm_up: int = 50,
    tokens: dict[str, Iterator[str]] | None = None,
) -> dict[str, list[float]]:
    """Milliseconds per GET of each path, the paths interleaved so drift hits all alike. A path named
    in `tokens` is sent with the next token of its iterator as its session cookie (instead of the
    client's own cookie)."""
    timings: dict[str, list[float]] = {path: [] for path in paths}
    tokens = tokens or {}
    for index in range(rounds + warm_up):
        for path in paths:
            headers = cookie_header(next(tokens[path])) if path in tokens else None
            started = time.perf_counter()
            answer = client.get(path.split("#", 1)[0], headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            assert answer.status_code == 200, answer.text
            if index >= warm_up:
                timings[path].append(elapsed)
    return timings


def service_s3(settings: Settings) -> Any:
    return boto3.session.Session().client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=settings.storage_access_key,
        aws_secret_access_key=settings.storage_secret_key.get_secret_value(),
    )


def tenant_s3(settings: Settings, credentials: TemporaryCredentials, fast: bool, read_once: bool = False) -> Any:
    """An S3 client of the tenant's temporary credentials, pooled like the BFF's (32 connections);
    `fast` and `read_once` give it the BFF's own timestamp reader and single parse of listings."""
    core = botocore.session.Session()
    if fast:
        use_fast_timestamps(core)
    if read_once:
        read_listings_once(core)
    return boto3.session.Session(botocore_session=core).client(
        "s3",
        endpoint_url=settings.s3_endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=credentials.access_key_id,
        aws_secret_access_key=credentials.secret_access_key,
        aws_session_token=credentials.session_token,
        config=botocore.config.Config(max_pool_connections=32),
    )


async def provision(services: Any, account_id: str, admin_email: str) -> str:
    """An active account made by the provisioning saga, as an operator makes one; its admin's one-time password."""
    provisioned = await services.get(Provisioning).create(
        account_id=account_id,
        display_name=account_id.title(),
        contact_email=f"ops@{account_id}.example.com",
        quota_bytes=None,
        admin_name="Admin",
        admin_email=admin_email,
        actor="bench",
        ip="",
    )
    assert provisioned.account.status == "active", provisioned.account.steps
    return str(provisioned.one_time_password)


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (nginx's workers)."""
    process = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [process, *process.children(recursive=True)])


def can_cap() -> bool:
    return os.access(CGROUP_CPU, os.W_OK)


@contextlib.contextmanager
def capped(pids: dict[str, int], cores: float | None) -> Iterator[None]:
    """Each process (with its children) in a CPU cgroup of its own, limited to `cores` (None: no limit):
    what `cpus:` does to a container, so that two of them show what two machines would."""
    groups = []
    try:
        for name, pid in pids.items():
            if cores is None:
                continue
            group = CGROUP_CPU / f"coffer-bench-{name}"
            group.mkdir(exist_ok=True)
            groups.append(group)
            period = int((group / "cpu.cfs_period_us").read_text())
            (group / "cpu.cfs_quota_us").write_text(str(int(cores * period)))
            for process in [psutil.Process(pid), *psutil.Process(pid).children(recursive=True)]:
                (group / "cgroup.procs").write_text(str(process.pid))
        yield
    finally:
        for group in groups:
            for pid in (group / "cgroup.procs").read_text().split():
                (CGROUP_CPU / "cgroup.procs").write_text(pid)
            group.rmdir()


# wrk's closing report, appended to a script: one line of JSON after "RESULT".
WRK_RESULT = """
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "seconds": %f, "failed": %d, "p50": %d, "p99": %d}\\n',
    summary.requests, summary.duration / 1e6, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


def wrk(url: str, script: Path, seconds: float) -> dict[str, float]:
    """wrk (C, one thread, 32 connections, closed loop) running `script` against `url`; its RESULT."""
    out = subprocess.run(  # noqa: S603 - our own script and a loopback URL
        [shutil.which("wrk") or "wrk", "-t1", "-c32", f"-d{seconds:.0f}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return dict(json.loads(out.split("RESULT", 1)[1]))


def wrk_capped(
    url: str,
    script: Path,
    seconds: float,
    pids: dict[str, int],
    cores: float | None,
    watched: dict[str, int] | None = None,
) -> tuple[dict[str, float], str]:
    """A warm-up, then wrk's result with `pids` capped at `cores` each, and the share of a core each of
    `watched` (default: `pids`) used meanwhile."""
    watched = watched or pids
    with capped(pids, cores):
        wrk(url, script, 3)
        before = {name: cpu_seconds(pid) for name, pid in watched.items()}
        wall = time.monotonic()
        result = wrk(url, script, seconds)
        wall = time.monotonic() - wall
        used = {name: (cpu_seconds(pid) - before[name]) / wall for name, pid in watched.items()}
    return result, ", ".join(f"{name} {share:.2f}" for name, share in used.items())


def wrk_summary(result: dict[str, float]) -> str:
    return (
        f"{result['requests'] / result['seconds']:.0f} requests/s, {result['failed']:.0f} failed, "
        f"p50 {result['p50'] / 1000:.1f} ms, p99 {result['p99'] / 1000:.1f} ms"
    )
