"""What a session costs: authenticated `GET /api/v1/me` vs unauthenticated `GET /healthz`, same server, one run.

Starts the embedded stack and one BFF process (`coffer serve`), signs a user in over HTTP,
then alternates the two requests and prints p50/p95 of each and their ratio (goal ≤ 1.3×).
Run by hand: `make bench` (or .venv/bin/python bench/session_cost.py [requests]).
"""

from __future__ import annotations

import statistics
import sys

from harness import console_with_admin, percentile, timed_gets


def main(requests: int) -> None:
    with console_with_admin() as (_, client):
        timings = timed_gets(client, ["/api/v1/me", "/healthz"], requests, warm_up=100)
    print(f"{'request':<16}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}")
    for path, samples in timings.items():
        print(
            f"{path:<16}{percentile(samples, 0.5):>10.3f}{percentile(samples, 0.95):>10.3f}"
            f"{statistics.fmean(samples):>10.3f}"
        )
    me, health = timings["/api/v1/me"], timings["/healthz"]
    print(
        f"ratio me/healthz: p50 {percentile(me, 0.5) / percentile(health, 0.5):.2f}x, "
        f"p95 {percentile(me, 0.95) / percentile(health, 0.95):.2f}x  (goal <= 1.3x, {requests} each)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
