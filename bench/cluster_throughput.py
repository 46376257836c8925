"""P5: throughput of two BFF instances behind nginx against one, from one run.

Starts `make cluster`'s topology (one instance, then two), signs in 60 sessions of platform
viewers, and lets wrk (C, one thread, 32 connections) replay the API calls of the views they open,
closed loop, cookie by cookie. It prints requests per second, p50/p99, and the ratio (goal ≥ 1.6×).

The machine may have too few cores to show it: one instance already uses a whole core, and nginx,
Redis and wrk need the rest. So P5 is measured twice: on the whole machine, and with every
instance capped at a share of a core by a CPU cgroup (what `cpus:` does to a container), which
leaves the shared parts room, as separate machines would. Then the load test's shape (200
sessions, a view a second) against two instances, for its p99, with the Python load generator:
p99 per endpoint as the generator saw it, beside the instances' own request-duration histograms
(`/metrics`, Prometheus buckets) for the same run, so a tail that the instances did not see is
the generator's or nginx's, and one they did see is Coffer's.
Run by hand: .venv/bin/python bench/cluster_throughput.py [seconds]
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx2 as httpx
from prometheus_client.parser import text_string_to_metric_families
from tests.cluster.conftest import open_sessions, trusting
from tests.cluster.load import COOKIE, VIEWS, browse

from coffer.embedded.cluster import LocalCluster
from harness import WRK_RESULT, can_cap, wrk_capped, wrk_summary

SETTINGS = {
    "ip_attempts_per_minute": 100_000,
    "argon2_time_cost": 1,
    "argon2_memory_kib": 8192,
    "argon2_allow_weak_for_tests": True,
}
INSTANCE_CORES = 0.5
# wrk's script: every request takes the next view's call and the next session's cookie.
WRK_SCRIPT = """
local tokens = {%(tokens)s}
local paths = {%(paths)s}
local n = 0
request = function()
  n = n + 1
  local headers = {["Cookie"] = "%(cookie)s=" .. tokens[n %% #tokens + 1], ["X-Coffer-CSRF"] = "1"}
  return wrk.format("GET", paths[n %% #paths + 1], headers)
end
"""


def throughput(instances: int, seconds: float, cores: float | None) -> tuple[dict[str, float], str]:
    """wrk's result, and the share of a core each process used meanwhile (where the limit is)."""
    with tempfile.TemporaryDirectory(prefix="coffer-p5-") as var:
        cluster = LocalCluster(Path(var), instances=instances, settings=SETTINGS)
        cluster.start()
        try:
            tokens = open_sessions(cluster, cluster.settings(), people=6, each=10)
            script = Path(var) / "views.lua"
            script.write_text(
                WRK_SCRIPT
                % {
                    "tokens": ",".join(f'"{token}"' for token in tokens),
                    "paths": ",".join(f'"{path}"' for view in VIEWS for path in view),
                    "cookie": COOKIE,
                }
                + WRK_RESULT
            )
            pids = cluster.process_ids()
            instances = {name: pid for name, pid in pids.items() if name.startswith("bff")}
            return wrk_capped(cluster.url, script, seconds, instances, cores, watched=pids)
        finally:
            cluster.stop()


def p5(seconds: float, cores: float | None) -> None:
    label = "whole machine" if cores is None else f"each instance capped at {cores} core"
    one, one_cpu = throughput(1, seconds, cores)
    two, two_cpu = throughput(2, seconds, cores)
    print(f"  {label}:")
    print(f"    1 instance : {wrk_summary(one)}; cores used: {one_cpu}")
    print(f"    2 instances: {wrk_summary(two)}; cores used: {two_cpu}")
    ratio = (two["requests"] / two["seconds"]) / (one["requests"] / one["seconds"])
    print(f"P5  2 / 1 instances, requests per second, {label}: {ratio:.2f}x  (goal >= 1.6x)")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    if shutil.which("wrk") is None:
        sys.exit("P5 needs wrk (Debian package wrk; `make bench` installs it)")
    print(f"{os.cpu_count()} cores; wrk closed loop, 32 connections over 60 sessions, {seconds:.0f} s each")
    p5(seconds, None)
    if can_cap():
        p5(seconds, INSTANCE_CORES)
    else:
        print("P5 with capped instances: skipped (needs write access to the cgroup v1 cpu controller)")
    browsing = browse_two_instances()
    print(f"load, 200 sessions browsing (a view every 0.5-1.5 s) for 60 s, 2 instances:\n  {browsing}")
    print("     (goal: 0 errors, p99 < 300 ms)")


Buckets = dict[tuple[str, float], float]  # (route, upper bound in seconds) -> cumulative count


def _histograms(url: str) -> Buckets:
    """The instance's request-duration histogram buckets of GET routes."""
    text = httpx.get(f"{url}/metrics").text
    buckets: Buckets = {}
    for family in text_string_to_metric_families(text):
        if family.name != "coffer_http_request_seconds":
            continue
        for sample in family.samples:
            if sample.name.endswith("_bucket") and sample.labels["method"] == "GET":
                key = (sample.labels["route"], float(sample.labels["le"]))
                buckets[key] = buckets.get(key, 0.0) + sample.value
    return buckets


def _server_p99(before: Buckets, after: Buckets) -> dict[str, tuple[float, float]]:
    """Per route: requests the instances served meanwhile, and the bucket bound their p99 lies under."""
    routes: dict[str, list[tuple[float, float]]] = {}
    for (route, bound), count in after.items():
        routes.setdefault(route, []).append((bound, count - before.get((route, bound), 0.0)))
    result: dict[str, tuple[float, float]] = {}
    for route, bounds in routes.items():
        bounds.sort()
        total = bounds[-1][1]
        if total:
            result[route] = (total, next(bound for bound, count in bounds if count >= 0.99 * total))
    return result


def browse_two_instances() -> str:
    with tempfile.TemporaryDirectory(prefix="coffer-load-") as var:
        cluster = LocalCluster(Path(var), instances=2, settings=SETTINGS)
        cluster.start()
        try:
            tokens = open_sessions(cluster, cluster.settings(), people=20, each=10)
            urls = [cluster.instance_url(index) for index in range(2)]
            before = [_histograms(url) for url in urls]
            result = browse(cluster.url, trusting(cluster), tokens, seconds=60, think=(0.5, 1.5))
            after = [_histograms(url) for url in urls]
        finally:
            cluster.stop()
    merged_before: Buckets = {}
    merged_after: Buckets = {}
    for one_before, one_after in zip(before, after, strict=True):
        for key, count in one_before.items():
            merged_before[key] = merged_before.get(key, 0.0) + count
        for key, count in one_after.items():
            merged_after[key] = merged_after.get(key, 0.0) + count
    served = _server_p99(merged_before, merged_after)
    lines = [result.summary(), "  as the load generator saw them (through nginx, TLS):", result.endpoints()]
    lines.append("  as the two instances measured them (their histograms; p99 under the bucket bound):")
    for route, (count, bound) in sorted(served.items(), key=lambda item: -item[1][1]):
        if route.startswith("/api/"):
            lines.append(f"    {route:<36}{count:>7.0f}   p99 <= {bound * 1000:.0f} ms")
    lines += ["  the tail:", result.tail()]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
