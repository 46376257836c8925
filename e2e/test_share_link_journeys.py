"""Share links in the browser: a stranger with no session downloads a shared file, or a shared folder's files."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_with_admin, first_sign_in


def test_a_shared_file_downloads_without_a_session_until_the_link_is_revoked(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    account_id = "aardman" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"nick@{account_id}.example.com")
    bucket = f"{account_id}-clay"
    script = b"INT. WALLACE'S KITCHEN - MORNING\n" * 300
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="scripts/grand-day-out.txt", Body=script)
    strangers = browser.new_context(base_url=base_url, accept_downloads=True)
    try:
        first_sign_in(page, owner)
        page.get_by_role("link", name="Buckets").click()
        page.get_by_role("link", name=bucket).click()
        # the bucket's figures come from the capacity samples (every 2 s here; the page asks every 10 s)
        expect(page.get_by_text("From the capacity sample of")).to_be_visible(timeout=30_000)
        # a sample taken before the put says 0 at first: wait for the next one
        expect(page.get_by_text(f"Objects {1:,}", exact=True)).to_be_visible(timeout=30_000)
        page.get_by_role("button", name="scripts").click()
        page.get_by_role("button", name="Details of grand-day-out.txt").click()
        page.get_by_role("dialog", name="Object details").get_by_role("button", name="Share").click()
        sharing = page.get_by_role("dialog", name="Share by link")
        sharing.get_by_role("textbox", name="Password").fill("cheese gromit")
        sharing.get_by_role("button", name="Create link").click()
        link = sharing.get_by_role("textbox", name="Link").input_value()
        assert link.startswith(base_url.rstrip("/") + "/s/")
        sharing.get_by_role("button", name="Done").click()

        stranger = strangers.new_page()
        stranger.goto(link)
        expect(stranger.get_by_role("heading", name="grand-day-out.txt")).to_be_visible()
        stranger.get_by_role("textbox", name="Password").fill("wrong one")
        stranger.get_by_role("button", name="Download").click()
        expect(stranger.get_by_text("That password is not right for this link.")).to_be_visible()
        stranger.get_by_role("textbox", name="Password").fill("cheese gromit")
        with stranger.expect_download() as downloading:
            stranger.get_by_role("button", name="Download").click()
        assert Path(downloading.value.path()).read_bytes() == script

        page.keyboard.press("Escape")
        page.get_by_role("link", name="Share links").click()
        row = page.get_by_role("row", name="scripts/grand-day-out.txt")
        expect(row).to_contain_text("Active")
        expect(row.get_by_role("cell", name="1", exact=True)).to_be_visible()  # one download
        row.get_by_role("button", name="Revoke the link to scripts/grand-day-out.txt").click()
        page.get_by_role("dialog", name="Revoke this link?").get_by_role("button", name="Revoke link").click()
        expect(page.get_by_text("The link is revoked; it stopped working at once.")).to_be_visible()
        expect(row).to_contain_text("Revoked")

        stranger.reload()
        expect(stranger.get_by_role("heading", name="This link no longer works")).to_be_visible()
        expect(stranger.get_by_text("This link was revoked")).to_be_visible()
    finally:
        strangers.close()
        remove_buckets(settings, [bucket])


def test_a_shared_folder_lists_its_files_and_downloads_one_or_all_as_a_zip(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    account_id = "ghibli" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"hayao@{account_id}.example.com")
    bucket = f"{account_id}-cels"
    frames = {"totoro/bus-stop.txt": b"rain on an umbrella\n" * 200, "totoro/catbus/arrival.txt": b"eyes\n" * 50}
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    for key, body in frames.items():
        s3.put_object(Bucket=bucket, Key=key, Body=body)
    s3.put_object(Bucket=bucket, Key="spirited-away/bathhouse.txt", Body=b"not shared")
    strangers = browser.new_context(base_url=base_url, accept_downloads=True)
    try:
        first_sign_in(page, owner)
        page.get_by_role("link", name="Buckets").click()
        page.get_by_role("link", name=bucket).click()
        page.get_by_role("button", name="totoro").click()
        page.get_by_role("button", name="Share folder").click()
        sharing = page.get_by_role("dialog", name="Share this folder by link")
        sharing.get_by_role("textbox", name="Works for (days)").fill("400")  # longer than S3's 7 days
        sharing.get_by_role("button", name="Create link").click()
        expect(sharing.get_by_text("see this folder's 2 files")).to_be_visible()
        link = sharing.get_by_role("textbox", name="Link").input_value()
        sharing.get_by_role("button", name="Done").click()

        stranger = strangers.new_page()
        stranger.goto(link)
        expect(stranger.get_by_role("heading", name="totoro")).to_be_visible()
        expect(stranger.get_by_role("cell", name="catbus/arrival.txt", exact=True)).to_be_visible()
        expect(stranger.get_by_text("bathhouse.txt")).to_have_count(0)
        with stranger.expect_download() as one:
            stranger.get_by_role("button", name="Download bus-stop.txt").click()
        assert Path(one.value.path()).read_bytes() == frames["totoro/bus-stop.txt"]
        with stranger.expect_download() as everything:
            stranger.get_by_role("button", name="Download all as zip").click()
        assert everything.value.suggested_filename == "totoro.zip"
        with zipfile.ZipFile(everything.value.path()) as zipped:
            assert sorted(zipped.namelist()) == ["bus-stop.txt", "catbus/arrival.txt"]

        page.get_by_role("link", name="Share links").click()
        row = page.get_by_role("row", name="totoro/")
        expect(row).to_contain_text("folder of 2 files")
        expect(row.get_by_role("cell", name="2", exact=True)).to_be_visible()  # a file and a zip
    finally:
        strangers.close()
        remove_buckets(settings, [bucket])
