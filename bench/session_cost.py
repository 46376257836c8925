"""What a session costs: authenticated `GET /api/v1/me` vs unauthenticated `GET /healthz`, same server, one run.

Starts the embedded stack and one BFF process (`coffer serve`), signs a user in over HTTP, then
interleaves three requests and prints p50/p95 of each and their ratio to /healthz (goal ≤ 1.3×):
- `/api/v1/me` with a token the server has never seen, a new one for every request (minted for the
  same session): the whole session check, signature check included. This is the figure the goal is
  about; it is what the first request after every renewal, or at another instance, pays.
- `/api/v1/me` with the same token every time: the instance remembers a token whose signature it
  verified, so this measures that cache (what a browser's repeated requests get between renewals).
Both still read the session's revocation state and the user from Redis on every request.
Run by hand: `make bench` (or .venv/bin/python bench/session_cost.py [requests]).
"""

from __future__ import annotations

import statistics
import sys

from harness import console_with_admin, cookie_header, fresh_tokens, percentile, timed_gets

FRESH, CACHED, HEALTH = "/api/v1/me#fresh", "/api/v1/me", "/healthz"
WARM_UP = 100


def main(requests: int) -> None:
    with console_with_admin() as (settings, client):
        token = client.cookies.get("coffer_session") or ""
        assert client.get("/api/v1/me", headers=cookie_header("not-a-token")).status_code == 401, (
            "the explicit cookie did not replace the client's own: the fresh-token figures would be cached ones"
        )
        tokens = iter(fresh_tokens(settings, token, requests + WARM_UP))
        timings = timed_gets(client, [FRESH, CACHED, HEALTH], requests, warm_up=WARM_UP, tokens={FRESH: tokens})
    print(f"{'request':<34}{'p50 ms':>10}{'p95 ms':>10}{'mean ms':>10}{'p50 ×':>8}{'p95 ×':>8}")
    health = timings[HEALTH]
    for path, label in (
        (FRESH, "/api/v1/me, a new token each time"),
        (CACHED, "/api/v1/me, one token (cached)"),
        (HEALTH, "/healthz"),
    ):
        samples = timings[path]
        print(
            f"{label:<34}{percentile(samples, 0.5):>10.3f}{percentile(samples, 0.95):>10.3f}"
            f"{statistics.fmean(samples):>10.3f}{percentile(samples, 0.5) / percentile(health, 0.5):>7.2f}x"
            f"{percentile(samples, 0.95) / percentile(health, 0.95):>7.2f}x"
        )
    fresh = timings[FRESH]
    print(
        f"session cost, new token per request: p50 {percentile(fresh, 0.5) / percentile(health, 0.5):.2f}x, "
        f"p95 {percentile(fresh, 0.95) / percentile(health, 0.95):.2f}x of /healthz  (goal <= 1.3x, {requests} each)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
