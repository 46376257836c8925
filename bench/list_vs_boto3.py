"""What the BFF adds to a storage listing: an account's 100 people and 100 buckets, BFF vs boto3, one run.

Starts the embedded stack and one BFF process, provisions an account with 100 people (the saga's
admin and 99 members, each an IAM user `<account>.<username>`) and 100 buckets `<account>-…`,
then alternates each console GET (a real HTTP connection, as the browser makes it) with the same
listing made directly with boto3 against SeaweedFS with the platform service identity, and prints
p50/p95 of both and "BFF / direct" (goal ≤ 1.15×).
The people list is not an IAM call: it reads the people from Redis (records, sign-in locks and the
key counts the access-key service recorded). Beside it: `iam list_users`, the goal's pairing, and
what asking IAM for every person's keys would cost (`list_users` + one `list_access_keys` per
person, 32 at a time, as the BFF's pool allows).
The BFF reads storage timestamps with `datetime.fromisoformat` instead of dateutil (most of a
default boto3 listing's time), so the buckets are also set beside boto3 configured the same way:
that ratio is what the HTTP hop, the session check and the JSON cost.
Run by hand: .venv/bin/python bench/list_vs_boto3.py [rounds]
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import sys
import time
from collections.abc import Callable
from typing import Any

import boto3
import botocore.config
import botocore.session

from coffer.providers.timestamps import use_fast_timestamps
from coffer.settings import Settings
from harness import console_with_admin, percentile, with_services

ACCOUNT = "benchco"
PEOPLE = 100
BUCKETS = 100
PREFIX_IAM, PREFIX_S3 = f"{ACCOUNT}.", f"{ACCOUNT}-"
GOAL = 1.15
PEOPLE_BFF, BUCKETS_BFF = "BFF people GET …/users?limit=200", "BFF buckets GET …/buckets"
PEOPLE_IAM, PEOPLE_KEYS = "iam list_users", "iam list_users + 100 list_access_keys"
BUCKETS_S3 = "s3 list_buckets"
BUCKETS_S3_FAST = "s3 list_buckets, fast timestamps like the BFF"


def _clients(settings: Settings, session: Any = None) -> tuple[Any, Any]:
    """IAM and S3 clients of the platform service identity, pooled like the BFF's (32 connections)."""
    session = session or boto3.session.Session()
    identity: dict[str, Any] = {
        "endpoint_url": settings.s3_endpoint,
        "region_name": settings.s3_region,
        "aws_access_key_id": settings.storage_access_key,
        "aws_secret_access_key": settings.storage_secret_key.get_secret_value(),
        "config": botocore.config.Config(max_pool_connections=32),
    }
    return session.client("iam", **identity), session.client("s3", **identity)


def _populate(settings: Settings, s3: Any) -> None:
    async def member(services: Any, number: int) -> None:
        email = f"member{number}@{ACCOUNT}.example.com"
        await services.user_admin.create(
            f"member{number:03}", f"Member{number}", email, "account-member", ACCOUNT, actor="bench"
        )

    async def work(services: Any) -> None:
        provisioned = await services.provisioning.create(
            account_id=ACCOUNT,
            display_name="BenchCo",
            contact_email=f"ops@{ACCOUNT}.example.com",
            quota_bytes=None,
            admin_name="Admin",
            admin_email=f"admin@{ACCOUNT}.example.com",
            actor="bench",
            ip="",
        )
        assert provisioned.account.status == "active", provisioned.account.steps
        for first in range(1, PEOPLE, 10):
            await asyncio.gather(*(member(services, number) for number in range(first, min(first + 10, PEOPLE))))

    with_services(settings, work)
    for number in range(BUCKETS):
        s3.create_bucket(Bucket=f"{PREFIX_S3}bucket{number:03}")


def main(rounds: int, warm_up: int = 20) -> None:
    with console_with_admin(argon2_time_cost=1, argon2_memory_kib=8192, argon2_allow_weak_for_tests=True) as (
        settings,
        client,
    ):
        iam, s3 = _clients(settings)
        core = botocore.session.Session()
        use_fast_timestamps(core)
        _, s3_fast = _clients(settings, boto3.session.Session(botocore_session=core))
        _populate(settings, s3)
        pool = concurrent.futures.ThreadPoolExecutor(32)

        def iam_users() -> int:
            listed = iam.list_users()
            assert not listed.get("IsTruncated"), "SeaweedFS paged the users"
            return len([user for user in listed["Users"] if user["UserName"].startswith(PREFIX_IAM)])

        def iam_users_and_keys() -> int:
            listed = iam.list_users()["Users"]
            names = [user["UserName"] for user in listed if user["UserName"].startswith(PREFIX_IAM)]
            return len(list(pool.map(lambda name: iam.list_access_keys(UserName=name)["AccessKeyMetadata"], names)))

        def s3_buckets(client: Any = s3) -> int:
            listed = client.list_buckets()["Buckets"]
            return len([bucket for bucket in listed if bucket["Name"].startswith(PREFIX_S3)])

        def bff(path: str) -> Callable[[], int]:
            def get() -> int:
                answer = client.get(path)
                assert answer.status_code == 200, answer.text
                return len(answer.json()["items"])

            return get

        calls: dict[str, tuple[Callable[[], int], int]] = {
            PEOPLE_BFF: (bff(f"/api/v1/accounts/{ACCOUNT}/users?limit=200"), PEOPLE),
            PEOPLE_IAM: (iam_users, PEOPLE),
            PEOPLE_KEYS: (iam_users_and_keys, PEOPLE),
            BUCKETS_BFF: (bff(f"/api/v1/accounts/{ACCOUNT}/buckets"), BUCKETS),
            BUCKETS_S3: (s3_buckets, BUCKETS),
            BUCKETS_S3_FAST: (lambda: s3_buckets(s3_fast), BUCKETS),
        }
        for name, (call, expected) in calls.items():
            assert call() == expected, name
        timings: dict[str, list[float]] = {name: [] for name in calls}
        for index in range(rounds + warm_up):
            for name, (call, _) in calls.items():
                started = time.perf_counter()
                call()
                if index >= warm_up:
                    timings[name].append((time.perf_counter() - started) * 1000)
        pool.shutdown()
    p50 = {name: percentile(samples, 0.5) for name, samples in timings.items()}
    p95 = {name: percentile(samples, 0.95) for name, samples in timings.items()}
    print(f"account {ACCOUNT}: {PEOPLE} people (IAM users), {BUCKETS} buckets; {rounds} rounds each, interleaved")
    print(f"{'listing':<60}{'p50 ms':>9}{'p95 ms':>9}")
    for name in calls:
        print(f"{name:<60}{p50[name]:>9.2f}{p95[name]:>9.2f}")
    print(f"{'BFF / direct':<60}{'p50':>9}{'p95':>9}")
    for bff_name, direct, note in (
        (PEOPLE_BFF, PEOPLE_IAM, "the goal's pairing"),
        (PEOPLE_BFF, PEOPLE_KEYS, "had the BFF asked IAM per person"),
        (BUCKETS_BFF, BUCKETS_S3, "the goal's pairing"),
        (BUCKETS_BFF, BUCKETS_S3_FAST, "the BFF's own cost"),
    ):
        over50, over95 = p50[bff_name] / p50[direct], p95[bff_name] / p95[direct]
        print(f"{bff_name.split()[1] + ' vs ' + direct:<60}{over50:>8.2f}x{over95:>8.2f}x  ({note})")
    print(f"(goal: BFF / direct <= {GOAL}x)")
    print(
        "BFF people: session, ids + 100 records + 100 sign-in locks + 100 recorded key counts from Redis, JSON out;\n"
        "  it calls IAM only for a person whose keys were never counted.\n"
        "BFF buckets: session, the account record from Redis, one S3 ListBuckets (service identity), filtered.\n"
        "direct: boto3 in this process with the same service identity, filtered to the namespace; no HTTP hop."
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
