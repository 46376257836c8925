"""Coffer on SeaweedFS as operators run it (`coffer cluster --storage cluster`): a master, three volume
servers with replication 001, a filer and two S3 gateways behind a load balancer without affinity.

Black box where possible: the gateways are reached directly only to prove what one sees of the other.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import httpx2 as httpx
import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from coffer.embedded.cluster import LocalCluster
from coffer.embedded.seaweedfs_cluster import SeaweedFSCluster
from coffer.settings import Settings

from ..storage import remove_buckets, service_client
from .conftest import browser, create_account, create_person, first_sign_in

_WAIT_SECONDS = 30.0


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalCluster]:
    running = LocalCluster(
        tmp_path_factory.mktemp("storage-cluster"),
        storage="cluster",
        settings={"ip_attempts_per_minute": 100_000, "metering_requests_seconds": 2},
    )
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def cluster_settings(cluster: LocalCluster) -> Settings:
    return cluster.settings()


@pytest.fixture(scope="module")
def storage(cluster: LocalCluster) -> SeaweedFSCluster:
    assert cluster.stack.storage_cluster is not None
    return cluster.stack.storage_cluster


def _wait_for(condition: Callable[[], bool], what: str, seconds: float = _WAIT_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.02)


def _client(settings: Settings, service: str, endpoint: str, **credentials: str) -> Any:
    return boto3.client(
        service,
        endpoint_url=endpoint,
        region_name=settings.s3_region,
        aws_access_key_id=credentials.get("key", settings.storage_access_key),
        aws_secret_access_key=credentials.get("secret", settings.storage_secret_key.get_secret_value()),
        aws_session_token=credentials.get("token"),
        config=Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=2, read_timeout=20),
    )


def _works(call: Callable[[], Any]) -> bool:
    try:
        call()
    except ClientError:
        return False
    return True


def test_iam_users_keys_and_policies_made_through_one_gateway_hold_on_the_other(
    cluster_settings: Settings, storage: SeaweedFSCluster
) -> None:
    a, b = storage.gateways
    account_id = f"iam{uuid.uuid4().hex[:8]}"
    bucket, user = f"{account_id}-data", f"{account_id}.probe"
    iam_a = _client(cluster_settings, "iam", a.s3_endpoint)
    service_client(cluster_settings, "s3").create_bucket(Bucket=bucket)
    try:
        iam_a.create_user(UserName=user)
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": "s3:*",
                    "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"],
                }
            ],
        }
        iam_a.put_user_policy(UserName=user, PolicyName="probe", PolicyDocument=json.dumps(policy))
        key = iam_a.create_access_key(UserName=user)["AccessKey"]
        on_b = _client(cluster_settings, "s3", b.s3_endpoint, key=key["AccessKeyId"], secret=key["SecretAccessKey"])
        put = lambda: on_b.put_object(Bucket=bucket, Key="k", Body=b"v")  # noqa: E731
        _wait_for(lambda: _works(put), "a key made through A works on B", seconds=2)
        iam_a.update_access_key(UserName=user, AccessKeyId=key["AccessKeyId"], Status="Inactive")
        _wait_for(lambda: not _works(put), "a key deactivated through A is refused by B", seconds=2)
    finally:
        for entry in iam_a.list_access_keys(UserName=user).get("AccessKeyMetadata", []):
            iam_a.delete_access_key(UserName=user, AccessKeyId=entry["AccessKeyId"])
        iam_a.delete_user_policy(UserName=user, PolicyName="probe")
        iam_a.delete_user(UserName=user)
        remove_buckets(cluster_settings, [bucket])


def test_credentials_from_one_gateway_work_on_the_other_within_their_session_policy(
    cluster: LocalCluster, cluster_settings: Settings, storage: SeaweedFSCluster
) -> None:
    """The console's own path: a signed-in person's object listing uses STS credentials the BFF minted
    through the balancer; here they are minted on A and used on B directly."""
    a, b = storage.gateways
    mine, theirs = create_account(cluster_settings, "sts"), create_account(cluster_settings, "other")
    for account_id in (mine, theirs):
        service_client(cluster_settings, "s3").create_bucket(Bucket=f"{account_id}-data")
    sts_a = _client(cluster_settings, "sts", a.s3_endpoint)
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": [f"arn:aws:s3:::{mine}-*", f"arn:aws:s3:::{mine}-*/*"]}
        ],
    }
    issued = sts_a.assume_role(
        RoleArn=cluster_settings.console_role_arn, RoleSessionName=f"{mine}.owner", Policy=json.dumps(policy)
    )["Credentials"]
    on_b = _client(
        cluster_settings,
        "s3",
        b.s3_endpoint,
        key=issued["AccessKeyId"],
        secret=issued["SecretAccessKey"],
        token=issued["SessionToken"],
    )
    try:
        on_b.put_object(Bucket=f"{mine}-data", Key="hello", Body=b"hi")
        assert on_b.get_object(Bucket=f"{mine}-data", Key="hello")["Body"].read() == b"hi"
        with pytest.raises(ClientError) as refused:
            on_b.list_objects_v2(Bucket=f"{theirs}-data")
        assert refused.value.response["Error"]["Code"] == "AccessDenied"
    finally:
        remove_buckets(cluster_settings, [f"{mine}-data", f"{theirs}-data"])


def _requests_in_hour(client: httpx.Client, account_id: str, bucket: str) -> dict[str, int]:
    answer = client.get(
        f"/api/v1/accounts/{account_id}/metering/requests", params={"resolution": "1h", "count": 1, "bucket": bucket}
    )
    assert answer.status_code == 200, answer.text
    [point] = answer.json()["points"]
    return {operation: round(rate * 3600) for operation, rate in point["per_second"].items()}


def test_requests_through_the_balancer_are_metered_exactly_once_per_bucket_and_operation(
    cluster: LocalCluster, cluster_settings: Settings
) -> None:
    account_id = create_account(cluster_settings, "meter")
    bucket = f"{account_id}-data"
    s3 = service_client(cluster_settings, "s3")  # the balancer: round robin over both gateways
    s3.create_bucket(Bucket=bucket)
    sent: dict[str, int] = {"put": 0, "get": 0, "list": 0, "delete": 0, "other": 0}
    operations = {"PutObject": "put", "GetObject": "get", "ListObjectsV2": "list", "DeleteObject": "delete"}

    def count(event_name: str, **_: Any) -> None:  # every request sent, boto3's own retries included
        sent[operations.get(event_name.rsplit(".", 1)[-1], "other")] += 1

    admin = create_person(cluster_settings, "platform-admin", "staff")
    try:
        with browser(cluster) as client:
            first_sign_in(client, admin)
            # SeaweedFS counts the bucket's creation as a PUT; once a later LIST is counted, so is it
            s3.list_objects_v2(Bucket=bucket)
            _wait_for(lambda: _requests_in_hour(client, account_id, bucket)["list"] >= 1, "the first LIST counted")
            before = _requests_in_hour(client, account_id, bucket)
            s3.meta.events.register("before-send.s3", count)
            for index in range(10):
                s3.put_object(Bucket=bucket, Key=f"k{index}", Body=b"x" * 10)
            for index in range(6):
                s3.get_object(Bucket=bucket, Key=f"k{index}")["Body"].read()
            for _ in range(3):
                s3.list_objects_v2(Bucket=bucket)
            for index in range(4):
                s3.delete_object(Bucket=bucket, Key=f"k{index}")
            expected = {operation: before[operation] + made for operation, made in sent.items()}

            def counted() -> dict[str, int]:
                return _requests_in_hour(client, account_id, bucket)

            _wait_for(lambda: sum(counted().values()) >= sum(expected.values()), "every request counted")
            assert counted() == expected
    finally:
        remove_buckets(cluster_settings, [bucket])


def test_killing_a_gateway_under_load_loses_no_write_and_coffer_stays_ready(
    cluster: LocalCluster, cluster_settings: Settings, storage: SeaweedFSCluster
) -> None:
    account_id = create_account(cluster_settings, "kill")
    bucket = f"{account_id}-data"
    s3 = _client(cluster_settings, "s3", storage.s3_endpoint)
    s3.create_bucket(Bucket=bucket)
    owner = create_person(cluster_settings, "account-admin", "owner", account_id)
    written: list[str] = []
    failures: list[str] = []
    not_ready: list[int] = []
    stop = threading.Event()

    def tenant(worker: int) -> None:
        index = 0
        while not stop.is_set():
            key = f"w{worker}/{index}"
            try:
                s3.put_object(Bucket=bucket, Key=key, Body=key.encode())
                written.append(key)
                assert s3.get_object(Bucket=bucket, Key=key)["Body"].read() == key.encode()
            except Exception as error:
                failures.append(f"{key}: {error}")
            index += 1

    def console(client: httpx.Client) -> None:
        while not stop.is_set():
            answer = client.get(f"/api/v1/accounts/{account_id}/buckets/{bucket}/objects", params={"prefix": "w0/"})
            if answer.status_code != 200:
                failures.append(f"browsing: {answer.status_code} {answer.text[:200]}")
            ready = client.get("/readyz")
            if ready.status_code != 200:
                not_ready.append(ready.status_code)

    with browser(cluster) as client:
        first_sign_in(client, owner)
        threads = [threading.Thread(target=tenant, args=(worker,)) for worker in range(4)]
        threads.append(threading.Thread(target=console, args=(client,)))
        for thread in threads:
            thread.start()
        try:
            _wait_for(lambda: len(written) >= 40, "writes before the kill")
            storage.gateways[0].stop(kill=True)
            at_kill = len(written)
            _wait_for(lambda: len(written) >= at_kill + 80, "writes after the kill")
        finally:
            stop.set()
            for thread in threads:
                thread.join()
            if not storage.gateways[0].running:
                storage.gateways[0].start()
    try:
        assert failures == [] and not_ready == []
        listed = {
            entry["Key"]
            for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            for entry in page.get("Contents", [])
        }
        assert listed == set(written)
    finally:
        remove_buckets(cluster_settings, [bucket])


def _start_upload(client: httpx.Client, account_id: str, bucket: str, key: str) -> httpx.Response:
    return client.post(f"/api/v1/accounts/{account_id}/buckets/{bucket}/uploads", json={"key": key, "size": 1000})


def test_with_one_volume_server_down_everything_reads_and_writes_and_with_two_coffer_refuses_writes_at_once(
    cluster: LocalCluster, cluster_settings: Settings, storage: SeaweedFSCluster
) -> None:
    account_id = create_account(cluster_settings, "vol")
    bucket = f"{account_id}-data"
    s3 = _client(cluster_settings, "s3", storage.s3_endpoint)
    s3.create_bucket(Bucket=bucket)
    for index in range(30):
        s3.put_object(Bucket=bucket, Key=f"before/{index}", Body=f"{index}".encode() * 100)
    owner = create_person(cluster_settings, "account-admin", "owner", account_id)
    try:
        with browser(cluster) as client:
            first_sign_in(client, owner)
            storage.volumes[0].stop(kill=True)
            storage.wait_for_volume_servers(2)  # the master notices in ≈ 0.05 s (the stream breaks)
            for index in range(30):
                assert s3.get_object(Bucket=bucket, Key=f"before/{index}")["Body"].read() == f"{index}".encode() * 100
            s3.put_object(Bucket=bucket, Key="after-one", Body=b"still writable")
            assert _start_upload(client, account_id, bucket, "upload-after-one").status_code == 200

            storage.volumes[1].stop(kill=True)
            _wait_for(lambda: storage.registered_volume_servers() == 1, "the master notices the second loss")
            refused = _start_upload(client, account_id, bucket, "upload-after-two")
            assert refused.status_code == 503, refused.text
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["type"].endswith("/storage-not-writable")
            # (objects whose two copies were both on the lost servers are unreadable now: 001 keeps two)
    finally:
        for volume in storage.volumes:
            if not volume.running:
                volume.start()
        storage.wait_for_volume_servers(len(storage.volumes))
        remove_buckets(cluster_settings, [bucket])
