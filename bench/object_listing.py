"""P7: the first page (1,000 keys) of a folder holding 100,000 objects, through the console vs boto3.

Starts the embedded stack and one BFF process, provisions an account, and puts 100,000 small objects
under `big/` of one of its buckets (in parallel, with the service identity: filling takes a few minutes).
The account's admin signs in over HTTP; every console request carries a session token the server has
never seen, so it pays the whole session check. The console's page is set beside `list_objects_v2` of
the same folder (delimiter `/`, 1,000 keys) made with STS credentials of the same kind as the session's
(AssumeRole into the console role with the same session policy), interleaved round by round, by
three boto3 clients: one set up as the BFF's own (its timestamp reader, a listing parsed once: the
strict like for like), one with only the timestamp reader, and boto3 as installed (dateutil).
Run by hand: .venv/bin/python bench/object_listing.py [rounds] [objects]
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2 as httpx

from coffer.data_access import MANAGE
from coffer.settings import Settings
from harness import (
    console_with_admin,
    cookie_header,
    fresh_tokens,
    percentile,
    provision,
    service_s3,
    sign_in,
    tenant_s3,
    with_services,
)

ACCOUNT = "listco"
ADMIN = f"admin@{ACCOUNT}.example.com"
BUCKET = f"{ACCOUNT}-archive"
FOLDER = "big/"
PAGE = 1000
GOAL = 1.2
CONSOLE = "console GET …/objects?prefix=big/&limit=1000 (new token)"
BOTO_SAME = "boto3 list_objects_v2, STS, the BFF's client (fast timestamps, one parse)"
BOTO_FAST = "boto3 list_objects_v2, STS credentials, fast timestamps"
BOTO_DEFAULT = "boto3 list_objects_v2, STS credentials, dateutil"


def _populate(settings: Settings, objects: int) -> str:
    one_time_password = with_services(settings, lambda services: provision(services, ACCOUNT, ADMIN))
    s3 = service_s3(settings)
    s3.create_bucket(Bucket=BUCKET)
    started = time.monotonic()
    with ThreadPoolExecutor(32) as pool:
        keys = (f"{FOLDER}{number:06d}.txt" for number in range(objects))
        list(pool.map(lambda key: s3.put_object(Bucket=BUCKET, Key=key, Body=key.encode()), keys, chunksize=256))
    print(f"put {objects:,} objects in {time.monotonic() - started:.0f} s")
    return one_time_password


def _credentials(settings: Settings) -> Any:
    async def assume(services: Any) -> Any:
        return await services.provider.assume_console_role(ACCOUNT, ADMIN, MANAGE, 900)

    return with_services(settings, assume)


def _measure(
    settings: Settings, client: httpx.Client, tokens: list[str], rounds: int, warm_up: int, objects: int
) -> dict[str, list[float]]:
    credentials = _credentials(settings)
    same, fast = tenant_s3(settings, credentials, True, read_once=True), tenant_s3(settings, credentials, True)
    default = tenant_s3(settings, credentials, False)
    fresh = iter(tokens)
    path = f"/api/v1/accounts/{ACCOUNT}/buckets/{BUCKET}/objects"

    def console() -> int:
        answer = client.get(path, params={"prefix": FOLDER, "limit": PAGE}, headers=cookie_header(next(fresh)))
        assert answer.status_code == 200, answer.text
        return len(answer.json()["objects"])

    def boto(s3: Any) -> Any:
        def listing() -> int:
            page = s3.list_objects_v2(Bucket=BUCKET, Prefix=FOLDER, Delimiter="/", MaxKeys=PAGE)
            return len(page.get("Contents", []))

        return listing

    calls = {CONSOLE: console, BOTO_SAME: boto(same), BOTO_FAST: boto(fast), BOTO_DEFAULT: boto(default)}
    for name, call in calls.items():
        assert call() == min(PAGE, objects), name
    timings: dict[str, list[float]] = {name: [] for name in calls}
    for index in range(rounds + warm_up):
        for name, call in calls.items():
            started = time.perf_counter()
            call()
            if index >= warm_up:
                timings[name].append((time.perf_counter() - started) * 1000)
    return timings


def main(rounds: int, objects: int, warm_up: int = 10) -> None:
    with console_with_admin(argon2_time_cost=1, argon2_memory_kib=8192, argon2_allow_weak_for_tests=True) as (
        settings,
        client,
    ):
        one_time_password = _populate(settings, objects)
        client.cookies.clear()
        token = sign_in(client, ADMIN, one_time_password)
        client.cookies.clear()  # every console request below names its own, new token
        tokens = fresh_tokens(settings, token, rounds + warm_up + 2)
        timings = _measure(settings, client, tokens, rounds, warm_up, objects)
    p50 = {name: percentile(samples, 0.5) for name, samples in timings.items()}
    p95 = {name: percentile(samples, 0.95) for name, samples in timings.items()}
    print(f"bucket {BUCKET}: {objects:,} objects under {FOLDER}; first page of {PAGE}; {rounds} rounds, interleaved")
    print(f"{'listing':<64}{'p50 ms':>9}{'p95 ms':>9}")
    for name in timings:
        print(f"{name:<64}{p50[name]:>9.2f}{p95[name]:>9.2f}")
    for label, direct in (
        ("console / boto3, the BFF's client", BOTO_SAME),
        ("console / boto3, fast timestamps", BOTO_FAST),
        ("console / boto3, dateutil", BOTO_DEFAULT),
    ):
        print(f"{label:<64}{p50[CONSOLE] / p50[direct]:>8.2f}x{p95[CONSOLE] / p95[direct]:>8.2f}x")
    print(f"(goal: console / boto3 <= {GOAL}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100, int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
