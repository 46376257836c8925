"""An account admin limits a member to reading one bucket; the member sees that bucket and no other."""

from __future__ import annotations

import uuid

from playwright.sync_api import Browser, Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_member, account_with_admin, first_sign_in


def test_an_admin_grants_a_member_read_on_one_bucket_and_the_member_sees_only_it(
    page: Page, browser: Browser, base_url: str, settings: Settings
) -> None:
    account_id = "pixar" + uuid.uuid4().hex[:6]
    owner = account_with_admin(settings, account_id, f"ed@{account_id}.example.com")
    member = account_member(settings, account_id, f"woody{account_id}")
    films, payroll = f"{account_id}-films", f"{account_id}-payroll"
    s3 = service_client(settings, "s3")
    for bucket in (films, payroll):
        s3.create_bucket(Bucket=bucket)
        s3.put_object(Bucket=bucket, Key="notes.txt", Body=b"notes")
    member_context = browser.new_context(base_url=base_url)
    try:
        first_sign_in(page, owner)
        page.get_by_role("link", name="People").click()
        page.get_by_role("button", name=f"Actions for {member.username}").click()
        page.get_by_role("menuitem", name="Data access").click()
        dialog = page.get_by_role("dialog", name=f"Data access of {member.username}")
        account_wide = dialog.get_by_role("combobox", name="Every bucket of the account")
        expect(account_wide).to_have_value("Read, write and delete")  # what members had before grants
        account_wide.click()
        page.get_by_role("option", name="No access").click()
        dialog.get_by_role("combobox", name=f"Access to {films}").click()
        page.get_by_role("option", name="Read only").click()
        dialog.get_by_role("button", name="Save data access").click()
        expect(page.get_by_text(f"The data access of {member.username} is saved.")).to_be_visible()

        page.get_by_role("button", name=f"Actions for {member.username}").click()
        page.get_by_role("menuitem", name="Data access").click()
        expect(dialog.get_by_role("combobox", name="Every bucket of the account")).to_have_value("No access")
        expect(dialog.get_by_role("combobox", name=f"Access to {films}")).to_have_value("Read only")
        expect(dialog.get_by_role("combobox", name=f"Access to {payroll}")).to_have_value("As every bucket (no access)")

        members_page = member_context.new_page()
        first_sign_in(members_page, member)
        members_page.get_by_role("link", name="Buckets").click()
        expect(members_page.get_by_role("link", name=films)).to_be_visible()
        expect(members_page.get_by_role("link", name=payroll)).to_have_count(0)
        members_page.get_by_role("link", name=films).click()
        expect(members_page.get_by_role("button", name="Details of notes.txt")).to_be_visible()

        members_page.goto(f"/accounts/{account_id}/buckets/{payroll}")
        expect(members_page.get_by_role("alert")).to_contain_text(
            f"Your data access does not let you read objects in {payroll}."
        )
    finally:
        member_context.close()
        remove_buckets(settings, [films, payroll])
