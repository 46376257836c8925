"""Quota alerts: warning, critical and exceeded once each per crossing, re-armed below, mailed and in-app."""

from __future__ import annotations

import asyncio
import os
import time

from coffer.alerts.service import LEVELS, Alerts
from coffer.app import build_provider, build_wiring, redis_connection
from coffer.embedded.stack import EmbeddedStack

from ..mailbox import mails_to, wait_for_mail
from .conftest import Tenant


def _levels(tenant: Tenant) -> list[str]:
    items = tenant.staff.get("/api/v1/me/notifications").json()["items"]
    return [item["level"] for item in items if item["account_id"] == tenant.account_id]


def _grow(tenant: Tenant, bucket: str, key: str, size: int) -> None:
    tenant.s3.put_object(Bucket=bucket, Key=key, Body=os.urandom(size))
    tenant.sample()


def test_each_threshold_alerts_once_per_crossing_by_mail_and_in_the_console(
    tenant: Tenant, stack: EmbeddedStack
) -> None:
    bucket = tenant.bucket("media")
    tenant.sample()
    account = f"account {tenant.account_id}"
    assert (
        tenant.staff.put(f"/api/v1/accounts/{tenant.account_id}/quota", json={"quota_bytes": 10_000}).status_code == 200
    )
    started = time.time()

    _grow(tenant, bucket, "a", 8_500)
    assert "85 % of its quota" in wait_for_mail(stack, "root@example.com", f"Quota warning: {account}", since=started)
    _grow(tenant, bucket, "b", 600)
    wait_for_mail(stack, "root@example.com", f"Quota critical: {account}", since=started)
    _grow(tenant, bucket, "c", 1_000)
    wait_for_mail(stack, "root@example.com", f"Quota exceeded: {account}", since=started)
    tenant.sample()  # nothing new crossed: nothing new sent

    assert _levels(tenant) == ["exceeded", "critical", "warning"]
    assert tenant.staff.get("/api/v1/me/notifications/unread").json() == {"unread": 3}
    assert tenant.staff.post("/api/v1/me/notifications/read").status_code == 204
    assert tenant.staff.get("/api/v1/me/notifications/unread").json() == {"unread": 0}
    owner_items = tenant.owner.get("/api/v1/me/notifications").json()["items"]
    assert [item["level"] for item in owner_items] == ["exceeded", "critical", "warning"]  # in the console anyway
    owner_email = tenant.owner.get("/api/v1/me").json()["email"]
    alert_mails = [mail for level in LEVELS for mail in mails_to(stack, owner_email, f"Quota {level}", since=started)]
    assert alert_mails == []  # by mail only once the account opts in

    for key in ("a", "b", "c"):
        tenant.s3.delete_object(Bucket=bucket, Key=key)
    tenant.sample()  # below every threshold: re-armed
    settings = {"notify_account_admins": True, "delivery": "each-crossing"}
    assert tenant.owner.put(f"/api/v1/accounts/{tenant.account_id}/alert-settings", json=settings).status_code == 200
    again = time.time()
    _grow(tenant, bucket, "d", 8_200)

    assert _levels(tenant) == ["warning", "exceeded", "critical", "warning"]
    owner_answer = tenant.owner.get("/api/v1/me/notifications").json()
    assert owner_answer["items"][0]["level"] == "warning" and owner_answer["unread"] == 4
    assert "82 % of its quota" in wait_for_mail(stack, "root@example.com", f"Quota warning: {account}", since=again)
    assert "82 % of its quota" in wait_for_mail(stack, owner_email, f"Quota warning: {account}", since=again)


def test_a_daily_digest_collects_the_alerts_into_one_mail(tenant: Tenant, stack: EmbeddedStack) -> None:
    bucket = tenant.bucket("logs")
    tenant.sample()
    base = f"/api/v1/accounts/{tenant.account_id}"
    tenant.staff.put(base + "/alert-settings", json={"notify_account_admins": False, "delivery": "daily-digest"})
    tenant.owner.put(f"{base}/buckets/{bucket}/quota", json={"quota_bytes": 1_000, "warning_percent": 50})
    started = time.time()
    _grow(tenant, bucket, "x", 600)
    _grow(tenant, bucket, "y", 600)
    assert _levels(tenant) == ["exceeded", "warning"]

    async def digest() -> int:
        connection = redis_connection(tenant.settings)
        provider = build_provider(tenant.settings)
        try:
            return await build_wiring(tenant.settings, tenant.clock, connection, provider).get(Alerts).send_digests()
        finally:
            await provider.close()
            await connection.close()

    assert asyncio.run(digest()) == 1
    body = wait_for_mail(stack, "root@example.com", f"Quota alerts of {tenant.account_id}", since=started)
    assert f"bucket {bucket} has reached 60 %" in body and f"bucket {bucket} has reached 120 %" in body
    assert asyncio.run(digest()) == 0


def test_a_figure_just_below_a_threshold_reads_below_it_everywhere(tenant: Tenant, stack: EmbeddedStack) -> None:
    """89.99 % of a quota whose critical threshold is 90 %: "89.9 %" and warning in the quota's answer,
    the alert in the console and the mail; one more byte than the quota is "exceeded" and refused writes."""
    bucket = tenant.bucket("edge")
    base = f"/api/v1/accounts/{tenant.account_id}"
    assert tenant.staff.put(base + "/quota", json={"quota_bytes": 100_000}).status_code == 200
    started = time.time()
    _grow(tenant, bucket, "most", 89_990)

    quota = tenant.quota()
    assert (quota["used_percent"], quota["level"], quota["critical_percent"]) == (89.9, "warning", 90)
    account = f"account {tenant.account_id}"
    mail = wait_for_mail(stack, "root@example.com", f"Quota warning: {account}", since=started)
    assert "89.9 % of its quota (warning)" in mail
    alert = tenant.owner.get("/api/v1/me/notifications").json()["items"][0]
    assert (alert["level"], "89.9 %" in alert["message"]) == ("warning", True)

    _grow(tenant, bucket, "rest", 10_010)  # exactly the quota: critical, writes still accepted
    quota = tenant.quota()
    assert (quota["used_percent"], quota["level"], quota["over_quota"]) == (100.0, "critical", False)
    assert not any(entry["writes_blocked"] for entry in quota["buckets"])
    _grow(tenant, bucket, "one-more", 1)
    quota = tenant.quota()
    assert (quota["level"], quota["over_quota"]) == ("exceeded", True)
    assert all(entry["writes_blocked"] and entry["writes_blocked_since"] for entry in quota["buckets"])
    assert _levels(tenant)[0] == "exceeded"
