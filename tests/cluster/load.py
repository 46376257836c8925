"""Signed-in people browsing the console through nginx, for the load test and the P5 benchmark.

Each session loads the views a platform viewer opens (the API calls the frontend makes for them),
with a think time between views, and records every call's latency and any failure.
"""

from __future__ import annotations

import asyncio
import random
import ssl
import statistics
import time
from dataclasses import dataclass, field

import httpx2 as httpx

COOKIE = "__Host-coffer_session"
# The API calls of each view, as the frontend makes them on opening it.
VIEWS: list[list[str]] = [
    ["/api/v1/me", "/api/v1/me/notifications/unread"],
    ["/api/v1/accounts?limit=25"],
    ["/api/v1/metering/requests?resolution=1m&count=20", "/api/v1/metering/capacity?resolution=1h&count=20"],
    ["/api/v1/metering/top-accounts"],
    ["/api/v1/audit?limit=50"],
    ["/api/v1/account-requests?limit=25"],
]


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")

    def summary(self) -> str:
        return (
            f"{self.requests} requests in {self.seconds:.0f} s ({self.requests / self.seconds:.0f}/s), "
            f"{len(self.errors)} errors, p50 {statistics.median(self.latencies) * 1000:.1f} ms, "
            f"p99 {self.percentile(0.99) * 1000:.1f} ms"
        )


async def _browse(
    client: httpx.AsyncClient, seconds: float, think: tuple[float, float], result: LoadResult, seed: int
) -> None:
    chooser = random.Random(seed)  # noqa: S311 - picks views, not secrets
    deadline = time.monotonic() + seconds
    await asyncio.sleep(chooser.uniform(0, think[1]))  # people do not all arrive in the same millisecond
    while time.monotonic() < deadline:
        for path in chooser.choice(VIEWS):
            started = time.perf_counter()
            try:
                answer = await client.get(path)
            except httpx.HTTPError as error:
                result.errors.append(f"{path}: {type(error).__name__}")
                continue
            if answer.status_code >= 400:
                result.errors.append(f"{path}: {answer.status_code}")
            else:
                result.latencies.append(time.perf_counter() - started)
        if think[1] > 0:
            await asyncio.sleep(chooser.uniform(*think))


async def _run(
    base_url: str, tls: ssl.SSLContext, tokens: list[str], seconds: float, think: tuple[float, float]
) -> LoadResult:
    result = LoadResult(seconds=seconds)
    limits = httpx.Limits(max_connections=2, max_keepalive_connections=2)  # a browser's few connections
    clients = [
        httpx.AsyncClient(
            base_url=base_url, verify=tls, cookies={COOKIE: token}, headers={"X-Coffer-CSRF": "1"}, limits=limits
        )
        for token in tokens
    ]
    try:
        await asyncio.gather(*(_browse(client, seconds, think, result, n) for n, client in enumerate(clients)))
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return result


def browse(
    base_url: str, tls: ssl.SSLContext, tokens: list[str], seconds: float, think: tuple[float, float] = (0.5, 1.5)
) -> LoadResult:
    """Every token browses for `seconds`; think=(0, 0) makes each session a closed-loop client."""
    return asyncio.run(_run(base_url, tls, tokens, seconds, think))
