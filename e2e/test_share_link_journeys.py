"""An account admin shares a file; a stranger with no session downloads it; after a revoke the link says so."""

from __future__ import annotations

import uuid
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
        expect(page.get_by_text(f"Objects {1:,}", exact=True)).to_be_visible()
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
