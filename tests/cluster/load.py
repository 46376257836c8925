"""Signed-in people browsing the console through nginx, for the load test and the P5 benchmark.

Each session loads the views a platform viewer opens (the API calls the frontend makes for them),
with a think time between views, and records every call's latency (by endpoint, with when it
started) and any failure. To tell where a tail comes from, the run also records the generator's
own delays (how late its event loop wakes a timer: a busy generator makes every request look
slow) and its CPU use; the slowest requests' start times show whether they bunch (a pause of
the whole system) or spread (one slow endpoint).
"""

from __future__ import annotations

import asyncio
import random
import ssl
import statistics
import time
from collections import defaultdict
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


def _nth(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


@dataclass
class LoadResult:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    by_path: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    started: list[tuple[float, float, str]] = field(default_factory=list)  # (start, latency, path)
    loop_lag: list[float] = field(default_factory=list)  # how late the generator's timer woke, seconds
    generator_cpu: float = 0.0  # share of one core the generator used

    @property
    def requests(self) -> int:
        return len(self.latencies) + len(self.errors)

    def percentile(self, share: float) -> float:
        return _nth(sorted(self.latencies), share)

    def record(self, path: str, started: float, latency: float) -> None:
        self.latencies.append(latency)
        self.by_path[path.split("?", 1)[0]].append(latency)
        self.started.append((started, latency, path.split("?", 1)[0]))

    def summary(self) -> str:
        return (
            f"{self.requests} requests in {self.seconds:.0f} s ({self.requests / self.seconds:.0f}/s), "
            f"{len(self.errors)} errors, p50 {statistics.median(self.latencies) * 1000:.1f} ms, "
            f"p99 {self.percentile(0.99) * 1000:.1f} ms"
        )

    def endpoints(self) -> str:
        """p50, p99 and max of each endpoint, slowest p99 first."""
        lines = [f"    {'endpoint':<36}{'count':>7}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
        for path, samples in sorted(self.by_path.items(), key=lambda item: -_nth(sorted(item[1]), 0.99)):
            ordered = sorted(samples)
            lines.append(
                f"    {path:<36}{len(ordered):>7}{_nth(ordered, 0.5) * 1000:>9.1f}"
                f"{_nth(ordered, 0.99) * 1000:>9.1f}{ordered[-1] * 1000:>9.1f}"
            )
        return "\n".join(lines)

    def tail(self) -> str:
        """Where the slowest 1 % come from: which endpoints, whether they bunch in time, the generator."""
        if not self.started:
            return "    no requests"
        threshold = self.percentile(0.99)
        slow = [(start, path) for start, latency, path in self.started if latency >= threshold]
        first = min(start for start, _, _ in self.started)
        windows = {int((start - first) / 0.25) for start, _ in slow}
        share = {path: sum(1 for _, slow_path in slow if slow_path == path) for _, path in slow}
        paths = sorted(share.items(), key=lambda item: -item[1])[:4]
        lag = sorted(self.loop_lag)
        return (
            f"    slowest 1 % (>= {threshold * 1000:.1f} ms): {len(slow)} requests in {len(windows)} of "
            f"{int(self.seconds / 0.25)} quarter-seconds; by endpoint: "
            + ", ".join(f"{path} {count}" for path, count in paths)
            + f"\n    generator: {self.generator_cpu:.2f} of a core; its event loop woke late by p50 "
            f"{_nth(lag, 0.5) * 1000:.1f} ms, p99 {_nth(lag, 0.99) * 1000:.1f} ms, max {_nth(lag, 1.0) * 1000:.1f} ms"
        )


async def _watch_loop(result: LoadResult, deadline: float, every: float = 0.01) -> None:
    """How late the event loop wakes a timer: time the generator itself adds to every request."""
    while time.monotonic() < deadline:
        asked = time.perf_counter()
        await asyncio.sleep(every)
        result.loop_lag.append(time.perf_counter() - asked - every)


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
                result.record(path, started, time.perf_counter() - started)
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
    cpu = time.process_time()
    watch = asyncio.create_task(_watch_loop(result, time.monotonic() + seconds))
    try:
        await asyncio.gather(*(_browse(client, seconds, think, result, n) for n, client in enumerate(clients)))
        await watch
        result.generator_cpu = (time.process_time() - cpu) / seconds
    finally:
        watch.cancel()
        await asyncio.gather(*(client.aclose() for client in clients))
    return result


def browse(
    base_url: str, tls: ssl.SSLContext, tokens: list[str], seconds: float, think: tuple[float, float] = (0.5, 1.5)
) -> LoadResult:
    """Every token browses for `seconds`; think=(0, 0) makes each session a closed-loop client."""
    return asyncio.run(_run(base_url, tls, tokens, seconds, think))
