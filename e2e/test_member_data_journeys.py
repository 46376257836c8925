"""A read-only member browses and downloads but is offered no upload or delete; granted read-write on one
bucket by the account's admin, they upload there, and are still refused everywhere else."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from playwright.sync_api import Browser, Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_member, account_with_admin, first_sign_in, grant_data

DELETE = re.compile(r"^Delete ")


def test_a_read_only_member_gets_write_on_one_bucket_and_uploads_only_there(
    page: Page, browser: Browser, base_url: str, settings: Settings, tmp_path: Path
) -> None:
    account_id = "ghibli" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"hayao@{account_id}.example.com")
    member = account_member(settings, account_id, f"totoro{account_id}")
    grant_data(settings, account_id, member.username, "read")
    sketches, ledgers = f"{account_id}-sketches", f"{account_id}-ledgers"
    drawing = b"a cat bus, in pencil\n" * 200
    s3 = service_client(settings, "s3")
    for bucket in (sketches, ledgers):
        s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="catbus.txt", Body=drawing)
    admins = browser.new_context(base_url=base_url)
    try:
        first_sign_in(page, member)
        page.get_by_role("link", name="Buckets").click()
        page.get_by_role("link", name=sketches).click()
        page.get_by_role("button", name="Details of catbus.txt").click()
        with page.expect_download() as downloading:
            page.get_by_role("dialog", name="Object details").get_by_role("button", name="Download").click()
        assert Path(downloading.value.path()).read_bytes() == drawing
        page.keyboard.press("Escape")
        expect(page.get_by_role("button", name="Upload files")).to_have_count(0)
        expect(page.get_by_role("button", name="New folder")).to_have_count(0)
        page.get_by_role("checkbox", name="Choose catbus.txt").check()  # choosing is for zips too
        expect(page.get_by_role("button", name="Download 1 as zip")).to_be_visible()
        expect(page.get_by_role("button", name=DELETE)).to_have_count(0)

        admin_page = admins.new_page()
        first_sign_in(admin_page, owner)
        admin_page.get_by_role("link", name="People").click()
        admin_page.get_by_role("button", name=f"Actions for {member.username}").click()
        admin_page.get_by_role("menuitem", name="Data access").click()
        dialog = admin_page.get_by_role("dialog", name=f"Data access of {member.username}")
        dialog.get_by_role("combobox", name=f"Access to {sketches}").click()
        admin_page.get_by_role("option", name="Read and write").click()
        dialog.get_by_role("button", name="Save data access").click()
        expect(admin_page.get_by_text(f"The data access of {member.username} is saved.")).to_be_visible()

        page.reload()  # the member's next request takes up the grant
        expect(page.get_by_role("button", name="Upload files")).to_be_visible()
        (tmp_path / "mei.txt").write_bytes(b"Mei was here")
        page.get_by_label("Files to upload").set_input_files(tmp_path / "mei.txt")
        expect(page.get_by_role("button", name="Details of mei.txt")).to_be_visible()
        page.get_by_role("checkbox", name="Choose mei.txt").check()
        expect(page.get_by_role("button", name="Download 1 as zip")).to_be_visible()
        expect(page.get_by_role("button", name=DELETE)).to_have_count(0)  # write, not delete

        page.goto(f"/accounts/{account_id}/buckets/{ledgers}")
        expect(page.get_by_role("button", name="Details of catbus.txt")).to_be_visible()
        expect(page.get_by_role("button", name="Upload files")).to_have_count(0)
        refused = page.request.post(
            f"/api/v1/accounts/{account_id}/buckets/{ledgers}/uploads",
            data={"key": "sneaky.txt", "size": 5, "content_type": "text/plain"},
            headers={"X-Coffer-CSRF": "1"},
        )
        assert refused.status == 403
        assert refused.json()["type"].endswith("/no-data-access")
        assert s3.list_objects_v2(Bucket=ledgers)["KeyCount"] == 1
    finally:
        admins.close()
        remove_buckets(settings, [sketches, ledgers])
