"""The README's pictures of the staff and the tenant overview, light and dark, from a real console with
real data: `make screenshots` (not part of the suite; it asserts only what the pictures must show)."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect
from tests.storage import remove_buckets, service_client

from coffer.settings import Settings

from .people import account_quota, account_with_admin, bootstrap_admin, first_sign_in

DOCS = Path(__file__).parents[1] / "docs"
SIZE = {"width": 1280, "height": 800}


def _shoot(page: Page, name: str) -> None:
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        page.reload()
        expect(page.get_by_role("heading", name="Overview")).to_be_visible()
        expect(page.locator(".mantine-Skeleton-root")).to_have_count(0, timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(DOCS / f"{name}-{scheme}.png"))


def test_the_overviews_for_the_readme(page: Page, settings: Settings) -> None:
    admin = bootstrap_admin(settings)
    suffix = uuid.uuid4().hex[:4]
    s3 = service_client(settings, "s3")
    buckets: list[str] = []
    owners = {}
    for account_id, objects in ((f"acme{suffix}", 24), (f"globex{suffix}", 9), (f"initech{suffix}", 3)):
        owners[account_id] = account_with_admin(settings, account_id, f"ops@{account_id}.example.com")
        bucket = f"{account_id}-reports"
        s3.create_bucket(Bucket=bucket)
        buckets.append(bucket)
        for number in range(objects):
            s3.put_object(Bucket=bucket, Key=f"2026/report-{number:03}.csv", Body=os.urandom(48_000))
    account_quota(settings, f"acme{suffix}", 1_500_000)
    try:
        page.set_viewport_size(SIZE)
        first_sign_in(page, admin)
        expect(page.get_by_role("region", name="Top accounts")).to_contain_text(f"Acme{suffix}".title(), timeout=30_000)
        _shoot(page, "overview-staff")

        page.get_by_role("button", name="Sign out").click()
        first_sign_in(page, owners[f"acme{suffix}"])
        expect(page.get_by_role("progressbar", name="Account quota")).to_be_visible(timeout=30_000)
        _shoot(page, "overview-tenant")
    finally:
        remove_buckets(settings, buckets)
