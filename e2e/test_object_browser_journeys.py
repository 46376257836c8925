"""An account admin browses a bucket: into a folder and back by the breadcrumbs, an object's details, its download."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_with_admin, bootstrap_admin, first_sign_in


def test_an_account_admin_opens_a_folder_reads_an_objects_details_and_downloads_it(
    page: Page, settings: Settings
) -> None:
    account_id = "wayne" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"bruce@{account_id}.example.com")
    bucket = f"{account_id}-cave"
    report = b"gadgets,count\nbatarang,12\n" * 50
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="readme.txt", Body=b"top")
    s3.put_object(
        Bucket=bucket,
        Key="reports/inventory.csv",
        Body=report,
        ContentType="text/csv",
        Metadata={"owner": "alfred"},
        Tagging="kind=inventory",
    )
    s3.put_object(Bucket=bucket, Key="reports/summary.txt", Body=b"all good")
    try:
        first_sign_in(page, owner)
        page.get_by_role("link", name="Buckets").click()
        page.get_by_role("link", name=bucket).click()

        expect(page.get_by_role("heading", name=bucket)).to_be_visible()
        rows = page.get_by_role("row")
        expect(rows.nth(1)).to_contain_text("reports")  # folders first
        expect(rows.nth(1)).to_contain_text("Folder")
        expect(rows.nth(2)).to_contain_text("readme.txt")

        page.get_by_role("button", name="reports").click()
        breadcrumbs = page.get_by_label("Folder")
        expect(breadcrumbs.get_by_text("reports")).to_be_visible()
        expect(page.get_by_role("button", name="Details of inventory.csv")).to_be_visible()
        expect(page.get_by_role("button", name="Details of readme.txt")).to_have_count(0)

        breadcrumbs.get_by_role("button", name=bucket).click()
        expect(page.get_by_role("button", name="Details of readme.txt")).to_be_visible()
        page.go_back()
        expect(page.get_by_role("button", name="Details of summary.txt")).to_be_visible()

        page.get_by_role("button", name="Details of inventory.csv").click()
        drawer = page.get_by_role("dialog", name="Object details")
        expect(drawer.get_by_role("row", name="Content type text/csv")).to_be_visible()
        expect(drawer.get_by_role("row", name="owner alfred")).to_be_visible()
        expect(drawer.get_by_role("row", name="kind inventory")).to_be_visible()

        with page.expect_download() as downloading:
            drawer.get_by_role("button", name="Download").click()
        download = downloading.value
        assert download.suggested_filename == "inventory.csv"
        assert Path(download.path()).read_bytes() == report
    finally:
        remove_buckets(settings, [bucket])


def test_a_bucket_outside_the_account_is_explained_not_shown(page: Page, settings: Settings) -> None:
    account_id = "stark" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"tony@{account_id}.example.com")
    first_sign_in(page, owner)

    page.goto(f"/accounts/{account_id}/buckets/someoneelse-secrets")

    expect(page.get_by_role("alert")).to_contain_text("The account has no bucket someoneelse-secrets.")


def test_staff_see_a_tenants_bucket_names_but_not_its_objects(page: Page, settings: Settings) -> None:
    account_id = "lex" + uuid.uuid4().hex[:6]
    staff = bootstrap_admin(settings)
    account_with_admin(settings, account_id, f"lex@{account_id}.example.com")
    bucket = f"{account_id}-vault"
    service_client(settings, "s3").create_bucket(Bucket=bucket)
    try:
        first_sign_in(page, staff)
        page.goto(f"/accounts/{account_id}/buckets")
        expect(page.get_by_role("cell", name=bucket)).to_be_visible()
        expect(page.get_by_role("link", name=bucket)).to_have_count(0)

        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_role("alert")).to_contain_text("staff have no storage identity")
    finally:
        remove_buckets(settings, [bucket])


def test_a_big_folder_loads_more_and_the_filter_narrows_by_name(page: Page, settings: Settings) -> None:
    account_id = "kent" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"clark@{account_id}.example.com")
    bucket = f"{account_id}-planet"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    keys = [f"logs/{number:04d}.log" for number in range(230)] + ["letters/lois.txt"]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda key: s3.put_object(Bucket=bucket, Key=key, Body=b"x"), keys))
    try:
        first_sign_in(page, owner)
        page.goto(f"/accounts/{account_id}/buckets/{bucket}")
        expect(page.get_by_role("button", name="letters")).to_be_visible()

        page.get_by_label("Filter by name").fill("lo")
        expect(page.get_by_role("button", name="logs")).to_be_visible()
        expect(page.get_by_role("button", name="letters")).to_have_count(0)

        page.get_by_role("button", name="logs").click()
        expect(page.get_by_text("0 folders, 200 objects shown (more in this folder)")).to_be_visible()
        page.get_by_role("button", name="Load more").click()
        expect(page.get_by_text("0 folders, 230 objects shown")).to_be_visible()
        expect(page.get_by_role("button", name="Load more")).to_have_count(0)

        page.get_by_role("button", name="Name").click()  # A–Z already: now Z–A
        expect(page.get_by_role("row").nth(1)).to_contain_text("0229.log")
    finally:
        remove_buckets(settings, [bucket])
