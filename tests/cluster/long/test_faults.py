"""Faults on the running cluster: an instance killed under load, Redis crashed, SeaweedFS stopped."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import httpx2 as httpx
import pytest

from coffer.embedded.cluster import LocalCluster
from coffer.settings import Settings

from ..conftest import COOKIE, SignedIn, browser, create_account, open_sessions, trusting
from ..load import LoadResult, browse

pytestmark = pytest.mark.cluster
GIB = 1 << 30


def _until(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {seconds:.0f} s")
        time.sleep(0.1)


def _ready(cluster: LocalCluster) -> bool:
    with browser(cluster) as client:
        try:
            return client.get("/readyz").status_code == 200
        except httpx.HTTPError:
            return False


def test_killing_an_instance_under_load_costs_signed_in_people_nothing_and_loses_no_write(
    cluster: LocalCluster, cluster_settings: Settings, signed_in: SignedIn
) -> None:
    tokens = open_sessions(cluster, cluster_settings, people=5, each=4)
    admin, _ = signed_in("platform-admin")
    account_id = create_account(cluster_settings, "faults")
    acknowledged: list[int] = []
    write_errors: list[str] = []
    result: list[LoadResult] = []
    browsing = threading.Thread(
        target=lambda: result.append(browse(cluster.url, trusting(cluster), tokens, seconds=20, think=(0.05, 0.2)))
    )
    stop_writing = threading.Event()

    def write() -> None:
        """PUTs are idempotent: nginx may send one again to the other instance, and must."""
        size = 2 * GIB
        while not stop_writing.is_set():
            size += 1
            answer = admin.put(f"/api/v1/accounts/{account_id}/quota", json={"quota_bytes": size})
            if answer.status_code == 200:
                acknowledged.append(size)
            else:
                write_errors.append(f"{answer.status_code} {answer.text[:200]}")

    writing = threading.Thread(target=write)
    browsing.start()
    writing.start()
    time.sleep(5)  # load is running: now the crash
    cluster.stop_instance(0, kill=True)
    browsing.join()
    stop_writing.set()
    writing.join()
    cluster.start_instance(0)

    assert result[0].errors == [], result[0].summary()
    assert write_errors == []
    assert admin.get(f"/api/v1/accounts/{account_id}/quota").json()["quota_bytes"] == acknowledged[-1]
    print(f"\nbrowsing while an instance was killed: {result[0].summary()}; {len(acknowledged)} writes kept")


def test_a_redis_crash_keeps_sessions_revocations_accounts_and_metering(
    cluster: LocalCluster, cluster_settings: Settings, signed_in: SignedIn
) -> None:
    staying, _ = signed_in("platform-admin")
    leaving, _ = signed_in()
    revoked = leaving.cookies.get(COOKIE) or ""
    assert leaving.post("/api/v1/auth/logout").status_code == 204
    account_id = create_account(cluster_settings, "aof")
    metering_before = staying.get("/api/v1/metering/requests", params={"resolution": "1h", "count": 5}).json()
    assert cluster.stack.redis is not None

    cluster.stack.redis.crash_and_restart()
    _until(lambda: _ready(cluster), "readiness after the Redis restart")

    assert staying.get("/api/v1/me").status_code == 200
    with browser(cluster) as client:
        client.cookies.set(COOKIE, revoked, domain="127.0.0.1")
        assert client.get("/api/v1/me").status_code == 401
    assert staying.get(f"/api/v1/accounts/{account_id}").json()["status"] == "active"
    metering_after = staying.get("/api/v1/metering/requests", params={"resolution": "1h", "count": 5}).json()
    before = {point["start"]: point["requests"] for point in metering_before["points"]}
    after = {point["start"]: point["requests"] for point in metering_after["points"]}
    assert all(after[start] >= count for start, count in before.items() if start in after)


def test_without_seaweedfs_the_api_answers_503_problem_json_and_recovers_when_it_returns(
    cluster: LocalCluster, signed_in: SignedIn
) -> None:
    admin, _ = signed_in("platform-admin")
    account_id = create_account(cluster.settings(), "weed")
    weed = cluster.stack.seaweedfs
    assert weed is not None

    weed.stop(kill=True)
    try:
        buckets = admin.get(f"/api/v1/accounts/{account_id}/buckets")
        assert buckets.status_code == 503
        assert buckets.headers["content-type"] == "application/problem+json"
        assert buckets.json()["status"] == 503
    finally:
        weed.start()
    _until(lambda: _ready(cluster), "readiness after SeaweedFS returned")
    assert admin.get(f"/api/v1/accounts/{account_id}/buckets").status_code == 200
