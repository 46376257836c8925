"""P5: throughput of two BFF instances behind nginx against one, from one run.

Starts `make cluster`'s topology twice (one instance, then two), opens 60 sessions of platform
viewers in each, and lets every session browse without think time (closed loop) for a while:
the requests per second served, their p50/p99, and the ratio of the two (goal ≥ 1.6×).
Then the load test's shape (200 sessions, a view a second) against two instances, for its p99.
The load generator runs on the same cores as nginx, Redis, SeaweedFS and the instances, so the
printout also says how many cores there were.
Run by hand: .venv/bin/python bench/cluster_throughput.py [seconds]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psutil
from tests.cluster.conftest import open_sessions, trusting
from tests.cluster.load import LoadResult, browse

from coffer.embedded.cluster import LocalCluster

SETTINGS = {"ip_attempts_per_minute": 100_000, "argon2_time_cost": 1, "argon2_memory_kib": 8192}


def _cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children (nginx's workers)."""
    process = psutil.Process(pid)
    return sum(sum(p.cpu_times()[:2]) for p in [process, *process.children(recursive=True)])


def measure(instances: int, sessions: int, seconds: float, think: tuple[float, float]) -> tuple[LoadResult, str]:
    """The load result, and the share of a core each process used meanwhile (where the limit is)."""
    with tempfile.TemporaryDirectory(prefix="coffer-p5-") as var:
        cluster = LocalCluster(Path(var), instances=instances, settings=SETTINGS)
        cluster.start()
        try:
            tokens = open_sessions(cluster, cluster.settings(), people=sessions // 10, each=10)
            browse(cluster.url, trusting(cluster), tokens[:10], seconds=3, think=(0, 0))  # warm up
            pids = cluster.process_ids()
            before = {name: _cpu_seconds(pid) for name, pid in pids.items()}
            generator, wall = time.process_time(), time.monotonic()
            result = browse(cluster.url, trusting(cluster), tokens, seconds=seconds, think=think)
            wall = time.monotonic() - wall
            used = {name: (_cpu_seconds(pid) - before[name]) / wall for name, pid in pids.items()}
            used["load generator"] = (time.process_time() - generator) / wall
            return result, ", ".join(f"{name} {share:.2f}" for name, share in used.items())
        finally:
            cluster.stop()


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20
    print(f"{os.cpu_count()} cores; closed loop, 60 sessions, {seconds:.0f} s each")
    one, one_cpu = measure(1, 60, seconds, (0, 0))
    print(f"  1 instance : {one.summary()}\n               cores used: {one_cpu}")
    two, two_cpu = measure(2, 60, seconds, (0, 0))
    print(f"  2 instances: {two.summary()}\n               cores used: {two_cpu}")
    print(f"P5  2 / 1 instances, requests per second: {two.requests / one.requests:.2f}x  (goal >= 1.6x)")
    browsing, browsing_cpu = measure(2, 200, 60, (0.5, 1.5))
    print(f"load, 200 sessions browsing (a view every 0.5-1.5 s) for 60 s, 2 instances: {browsing.summary()}")
    print(f"     cores used: {browsing_cpu}")
    print("     (goal: 0 errors, p99 < 300 ms)")


if __name__ == "__main__":
    main()
