"""What a session costs: authenticated `GET /api/v1/me` vs unauthenticated `GET /healthz`, same server, one run.

Starts the embedded stack and one BFF process (`coffer serve`), signs a user in over HTTP,
then alternates the two requests and prints p50/p95 of each and their ratio (goal ≤ 1.3×).
Run by hand: `make bench` (or .venv/bin/python bench/session_cost.py [requests]).
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import pyotp

from coffer.app import build_provider, build_services
from coffer.clock import SystemClock
from coffer.embedded.ports import free_ports
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.users.service import CreatedUser, Users

PASSWORD = "bench marks are honest when measured"


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


async def _create_admin(settings: Settings) -> CreatedUser:
    connection = RedisConnection(settings.redis_url)
    provider = build_provider(settings)
    try:
        services = build_services(settings, SystemClock(), connection, provider)
        users = Users(services.users, services.passwords, provider, services.auditor, services.clock)
        return await users.create("bench", "Bench", "bench@example.com", "platform-admin", None, actor="bench")
    finally:
        await provider.close()
        await connection.close()


def _sign_in(client: httpx.Client, created: CreatedUser) -> None:
    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = client.post(path, json=body, headers={"X-Coffer-CSRF": "1"})
        answer.raise_for_status()
        return dict(answer.json())

    step = post("/api/v1/auth/login", {"username": "bench", "password": created.one_time_password})
    step = post("/api/v1/auth/password", {"challenge": step["challenge"], "new_password": PASSWORD})
    secret = post("/api/v1/auth/mfa/enrollment", {"challenge": step["challenge"]})["secret"]
    post("/api/v1/auth/mfa/enrollment/confirm", {"challenge": step["challenge"], "code": pyotp.TOTP(secret).now()})


def main(requests: int) -> None:
    with tempfile.TemporaryDirectory() as var:
        stack = EmbeddedStack(Path(var))
        stack.start()
        (port,) = free_ports(1)
        overrides = {**stack.settings_overrides(), "cookie_secure": False, "public_origin": f"http://127.0.0.1:{port}"}
        environment = {
            **os.environ,
            **{f"COFFER_{key.upper()}": str(value) for key, value in overrides.items() if value is not None},
        }
        server = subprocess.Popen(  # noqa: S603
            [str(Path(sys.executable).parent / "coffer"), "serve", "--port", str(port)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            settings = Settings(**overrides)
            created = asyncio.run(_create_admin(settings))
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
                _sign_in(client, created)
                timings: dict[str, list[float]] = {"/healthz": [], "/api/v1/me": []}
                for index in range(requests * 2 + 200):
                    path = "/healthz" if index % 2 else "/api/v1/me"
                    started = time.perf_counter()
                    answer = client.get(path)
                    elapsed = (time.perf_counter() - started) * 1000
                    assert answer.status_code == 200, answer.text
                    if index >= 200:  # warm-up
                        timings[path].append(elapsed)
            print(f"{'request':<16}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
            for path, samples in timings.items():
                print(
                    f"{path:<16}{_percentile(samples, 0.5):>10.3f}{_percentile(samples, 0.95):>10.3f}"
                    f"{statistics.fmean(samples):>10.3f}"
                )
            me, health = timings["/api/v1/me"], timings["/healthz"]
            print(
                f"ratio me/healthz: p50 {_percentile(me, 0.5) / _percentile(health, 0.5):.2f}x, "
                f"p95 {_percentile(me, 0.95) / _percentile(health, 0.95):.2f}x  (goal <= 1.3x, {requests} each)"
            )
        finally:
            server.terminate()
            server.wait(10)
            stack.stop()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
