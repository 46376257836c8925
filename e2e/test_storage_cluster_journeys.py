"""On SeaweedFS as operators run it (master, 3 volume servers with replication 001, filer, two S3
gateways behind a balancer): an account admin uploads through the browser; with too few volume
servers left, the next upload is refused within seconds with a message saying why, and nothing is
written."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.embedded.seaweedfs_cluster import SeaweedFSCluster
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .conftest import console_settings, serving
from .people import account_with_admin, first_sign_in


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStack]:
    running = EmbeddedStack(tmp_path_factory.mktemp("var-storage-cluster"), storage="cluster")
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def settings(stack: EmbeddedStack) -> Settings:
    return console_settings(stack)


@pytest.fixture(scope="module")
def base_url(settings: Settings) -> Iterator[str]:
    with serving(settings) as url:
        yield url


def test_uploads_go_through_the_gateways_and_too_few_volume_servers_refuse_the_next_one_with_a_reason(
    page: Page, stack: EmbeddedStack, settings: Settings, tmp_path: Path
) -> None:
    storage: SeaweedFSCluster | None = stack.storage_cluster
    assert storage is not None
    account_id = "hera" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"hippolyta@{account_id}.example.com")
    bucket = f"{account_id}-olympus"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    (tmp_path / "tablet.txt").write_bytes(b"the first law\n" * 100)
    (tmp_path / "scroll.txt").write_bytes(b"the second law\n" * 100)
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_text("This bucket is empty")).to_be_visible()

        page.get_by_label("Files to upload").set_input_files(tmp_path / "tablet.txt")
        expect(page.get_by_label("Uploads", exact=True)).to_contain_text("1 of 1 file,", timeout=30_000)
        expect(page.get_by_role("button", name="Details of tablet.txt")).to_be_visible()
        assert s3.get_object(Bucket=bucket, Key="tablet.txt")["Body"].read() == b"the first law\n" * 100

        for volume in storage.volumes[:2]:
            volume.stop(kill=True)
        storage.wait_for_volume_servers(1)
        page.get_by_label("Files to upload").set_input_files(tmp_path / "scroll.txt")
        uploads = page.get_by_label("Uploads", exact=True)
        expect(uploads).to_contain_text("cannot store new data right now", timeout=30_000)  # a PUT would hang 90 s

        page.reload()
        expect(page.get_by_role("button", name="Details of tablet.txt")).to_be_visible()
        expect(page.get_by_role("button", name="Details of scroll.txt")).to_have_count(0)
        # nothing was written (the listing is the filer's); the tablet's bytes may have had both copies on
        # the two lost servers (001 keeps two), so they are not read here
        assert [entry["Key"] for entry in s3.list_objects_v2(Bucket=bucket)["Contents"]] == ["tablet.txt"]
    finally:
        for volume in storage.volumes:
            if not volume.running:
                volume.start()
        storage.wait_for_volume_servers(len(storage.volumes))
        remove_buckets(settings, [bucket])
