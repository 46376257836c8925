"""Faults on the running cluster: an instance killed under load, Redis crashed, SeaweedFS stopped."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable

import httpx2 as httpx
import pytest
from typer.testing import CliRunner

from coffer.cli import cli
from coffer.embedded.cluster import LocalCluster
from coffer.settings import Settings

from ...conftest import cli_environment
from ...storage import service_client
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
            try:
                answer = admin.put(f"/api/v1/accounts/{account_id}/quota", json={"quota_bytes": size})
            except httpx.HTTPError as error:
                write_errors.append(f"{size}: {error!r}")
                continue
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
    storage = service_client(cluster_settings, "s3")
    storage.create_bucket(Bucket=f"{account_id}-ledger")
    for n in range(20):
        storage.put_object(Bucket=f"{account_id}-ledger", Key=f"entry-{n}", Body=b"x" * 100)
    metering = f"/api/v1/accounts/{account_id}/metering/requests"
    window = {"resolution": "1h", "count": 2}

    def counted() -> int:
        return sum(point["requests"] for point in staying.get(metering, params=window).json()["points"])

    _until(lambda: counted() >= 21, "the collector counting the account's requests")
    requests_before = counted()
    tokens = open_sessions(cluster, cluster_settings, people=2, each=10)
    browse(cluster.url, trusting(cluster), tokens, seconds=3, think=(0, 0))  # both instances' pools fill up
    assert cluster.stack.redis is not None

    cluster.stack.redis.crash_and_restart()
    _until(lambda: _ready(cluster), "readiness after the Redis restart")

    # every pooled connection died with Redis: no request may fail for having drawn one
    after_restart = browse(cluster.url, trusting(cluster), tokens, seconds=5, think=(0, 0))
    assert after_restart.errors == [], after_restart.summary()

    assert staying.get("/api/v1/me").status_code == 200
    with browser(cluster) as client:
        client.cookies.set(COOKIE, revoked, domain="127.0.0.1")
        assert client.get("/api/v1/me").status_code == 401
    assert staying.get(f"/api/v1/accounts/{account_id}").json()["status"] == "active"
    assert counted() >= requests_before  # the AOF kept every counted request


def _new_account(account_id: str) -> dict[str, str]:
    return {
        "id": account_id,
        "display_name": account_id.title(),
        "contact_email": f"owner@{account_id}.example.com",
        "admin_name": "Owner",
        "admin_email": f"owner@{account_id}.example.com",
    }


def _status(client: httpx.Client, account_id: str) -> str | None:
    answer = client.get(f"/api/v1/accounts/{account_id}")
    return str(answer.json()["status"]) if answer.status_code == 200 else None


def test_without_seaweedfs_the_api_answers_503_and_a_new_account_waits_then_finishes_by_itself(
    cluster: LocalCluster, signed_in: SignedIn
) -> None:
    admin, _ = signed_in("platform-admin")
    account_id = create_account(cluster.settings(), "weed")
    newcomer = "later" + account_id[-8:]
    weed = cluster.stack.seaweedfs
    assert weed is not None

    weed.stop(kill=True)
    try:
        buckets = admin.get(f"/api/v1/accounts/{account_id}/buckets")
        assert buckets.status_code == 503
        assert buckets.headers["content-type"] == "application/problem+json"
        assert buckets.json()["status"] == 503
        created = admin.post("/api/v1/accounts", json=_new_account(newcomer))
        assert created.status_code == 201, created.text
        assert created.json()["status"] == "waiting"
    finally:
        weed.start()

    _until(lambda: _status(admin, newcomer) == "active", "the waiting account finishing by itself")
    assert admin.get(f"/api/v1/accounts/{account_id}/buckets").status_code == 200


def test_an_instance_killed_mid_provisioning_leaves_a_complete_account_and_no_orphans(
    cluster: LocalCluster, signed_in: SignedIn
) -> None:
    admin, _ = signed_in("platform-admin")
    token = admin.cookies.get(COOKIE) or ""
    account_id = "mid" + uuid.uuid4().hex[:10]
    direct = httpx.Client(
        base_url=cluster.instance_url(0),
        headers={"X-Coffer-CSRF": "1", "Cookie": f"{COOKIE}={token}"},
        timeout=60,
    )
    outcome: list[object] = []
    creating = threading.Thread(target=lambda: outcome.append(_answer_or_error(direct, account_id)))

    creating.start()
    _until(lambda: _status(admin, account_id) is not None or not creating.is_alive(), "the account record", 20)
    assert _status(admin, account_id) is not None, outcome  # the create reached the saga
    cluster.stop_instance(0, kill=True)  # somewhere inside the saga's storage steps
    creating.join()
    direct.close()
    cluster.start_instance(0)

    _until(lambda: _status(admin, account_id) in ("active", "failed"), "the account settling")
    assert _status(admin, account_id) == "active"
    result = CliRunner().invoke(cli, ["reconcile"], env=cli_environment(cluster.settings()))
    assert result.exit_code == 0, result.output


def _answer_or_error(client: httpx.Client, account_id: str) -> object:
    """The client of a killed instance sees its connection drop; that is the point."""
    try:
        answer = client.post("/api/v1/accounts", json=_new_account(account_id))
    except httpx.HTTPError as error:
        return error
    return f"{answer.status_code} {answer.text[:300]}"
