"""P1: what the BFF adds to a tenant's listings of their 100 people and 100 buckets, one run.

Starts the embedded stack and one BFF process, provisions an account with 100 people (the saga's
admin and 99 members) and 100 buckets, and signs the account's admin in over HTTP, as a tenant.
Every BFF request carries a session token the server has never seen (minted for that session), so
each pays the whole session check instead of hitting the instance's cache of verified tokens.
Each listing is set beside the best direct way to the same data, interleaved round by round:
- people: the BFF reads them from Redis (records, sign-in locks, recorded key counts), so the
  direct way is the same reads made in this process through Coffer's own service (redis-py, no
  HTTP, no session check, no JSON). IAM `ListUsers` is a different thing (no locks, no key counts,
  not the BFF's source) and is not compared.
- buckets: the BFF lists them with the tenant session's STS credentials (sealed in Redis, opened
  per request), so the direct way is boto3 with STS credentials of the same kind (AssumeRole into
  the console role with the same session policy) and with the BFF's timestamp reader
  (`coffer.providers.timestamps`); boto3 with its default reader (dateutil) is shown beside it.
"BFF / direct" is the BFF's own cost: the HTTP hop, the session check and the JSON (goal ≤ 1.3×).
Run by hand: .venv/bin/python bench/list_vs_boto3.py [rounds]
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from typing import Any

from coffer.app import connected_services
from coffer.data_access import MANAGE
from coffer.settings import Settings
from coffer.users.management import People, Scope
from coffer.users.service import UserRegistry
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

ACCOUNT = "benchco"
ADMIN = f"admin@{ACCOUNT}.example.com"
PEOPLE = 100
BUCKETS = 100
PREFIX_S3 = f"{ACCOUNT}-"
GOAL = 1.3
PEOPLE_BFF = "BFF GET …/users?limit=200 (tenant admin, new token)"
PEOPLE_DIRECT = "same Redis reads in-process (Coffer's people service)"
BUCKETS_BFF = "BFF GET …/buckets (tenant admin's STS path, new token)"
BUCKETS_FAST = "boto3 list_buckets, STS credentials, fast timestamps"
BUCKETS_DEFAULT = "boto3 list_buckets, STS credentials, dateutil"


def _populate(settings: Settings, s3: Any) -> str:
    """The account, its people and buckets; the admin's one-time password."""

    async def member(services: Any, number: int) -> None:
        email = f"member{number}@{ACCOUNT}.example.com"
        await services.get(UserRegistry).create(
            f"member{number:03}", f"Member{number}", email, "account-member", ACCOUNT, actor="bench"
        )

    async def work(services: Any) -> str:
        one_time_password = await provision(services, ACCOUNT, ADMIN)
        for first in range(1, PEOPLE, 5):
            await asyncio.gather(*(member(services, number) for number in range(first, min(first + 5, PEOPLE))))
        return one_time_password

    one_time_password = with_services(settings, work)
    for number in range(BUCKETS):
        s3.create_bucket(Bucket=f"{PREFIX_S3}bucket{number:03}")
    return one_time_password


def _measure(settings: Settings, client: Any, tokens: list[str], rounds: int, warm_up: int) -> dict[str, list[float]]:
    async def run() -> dict[str, list[float]]:
        async with connected_services(settings) as services:
            credentials = await services.provider.assume_console_role(ACCOUNT, ADMIN, MANAGE, 900)
            fast, default = tenant_s3(settings, credentials, True), tenant_s3(settings, credentials, False)
            fresh = iter(tokens)

            def bff(path: str) -> Callable[[], Awaitable[int]]:
                async def get() -> int:
                    answer = client.get(path, headers=cookie_header(next(fresh)))
                    assert answer.status_code == 200, answer.text
                    return len(answer.json()["items"])

                return get

            async def people_direct() -> int:
                people, _ = await services.get(People).page(Scope(ACCOUNT), "", None, None, "username", 0, 200)
                return len(people)

            def buckets_with(s3: Any) -> Callable[[], Awaitable[int]]:
                async def listing() -> int:
                    return len(s3.list_buckets()["Buckets"])

                return listing

            calls: dict[str, tuple[Callable[[], Awaitable[int]], int]] = {
                PEOPLE_BFF: (bff(f"/api/v1/accounts/{ACCOUNT}/users?limit=200"), PEOPLE),
                PEOPLE_DIRECT: (people_direct, PEOPLE),
                BUCKETS_BFF: (bff(f"/api/v1/accounts/{ACCOUNT}/buckets"), BUCKETS),
                BUCKETS_FAST: (buckets_with(fast), BUCKETS),
                BUCKETS_DEFAULT: (buckets_with(default), BUCKETS),
            }
            for name, (call, expected) in calls.items():
                assert await call() == expected, name  # the session policy shows the tenant only their buckets
            timings: dict[str, list[float]] = {name: [] for name in calls}
            for index in range(rounds + warm_up):
                for name, (call, _) in calls.items():
                    started = time.perf_counter()
                    await call()
                    if index >= warm_up:
                        timings[name].append((time.perf_counter() - started) * 1000)
            return timings

    return asyncio.run(run())


def main(rounds: int, warm_up: int = 20) -> None:
    with console_with_admin(argon2_time_cost=1, argon2_memory_kib=8192, argon2_allow_weak_for_tests=True) as (
        settings,
        client,
    ):
        one_time_password = _populate(settings, service_s3(settings))
        client.cookies.clear()
        token = sign_in(client, ADMIN, one_time_password)
        client.cookies.clear()  # every BFF request below names its own, new token
        tokens = fresh_tokens(settings, token, 2 * (rounds + warm_up) + 2)
        timings = _measure(settings, client, tokens, rounds, warm_up)
    p50 = {name: percentile(samples, 0.5) for name, samples in timings.items()}
    p95 = {name: percentile(samples, 0.95) for name, samples in timings.items()}
    print(f"account {ACCOUNT}: {PEOPLE} people, {BUCKETS} buckets; as its admin; {rounds} rounds, interleaved")
    print(f"{'listing':<60}{'p50 ms':>9}{'p95 ms':>9}")
    for name in timings:
        print(f"{name:<60}{p50[name]:>9.2f}{p95[name]:>9.2f}")
    print(f"{'BFF / direct':<60}{'p50':>9}{'p95':>9}")
    for label, bff_name, direct, note in (
        ("people: BFF / same reads in-process", PEOPLE_BFF, PEOPLE_DIRECT, "HTTP hop, session check, JSON"),
        ("buckets: BFF / boto3, fast timestamps", BUCKETS_BFF, BUCKETS_FAST, "the BFF's own cost"),
        ("buckets: BFF / boto3, dateutil", BUCKETS_BFF, BUCKETS_DEFAULT, "against a default client"),
    ):
        over50, over95 = p50[bff_name] / p50[direct], p95[bff_name] / p95[direct]
        print(f"{label:<60}{over50:>8.2f}x{over95:>8.2f}x  ({note})")
    print(f"(goal: BFF / direct <= {GOAL}x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
