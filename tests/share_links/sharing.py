"""What the share-link tests share: an account with a bucket of reports, its admin signed in, and a stranger."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass
from typing import Any

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

REPORT = b"quarter,revenue\nq1,10\n" * 100


@dataclass
class Sharing:
    account_id: str
    bucket: str
    admin: TestClient
    admin_id: str
    settings: Settings
    clock: FixedClock

    def share(self, client: TestClient | None = None, expect: int = 201, **body: Any) -> dict[str, Any]:
        path = f"/api/v1/accounts/{self.account_id}/buckets/{self.bucket}/share-links"
        answer = (client or self.admin).post(path, json={"key": "reports/q1.csv", "days": 30, **body})
        assert answer.status_code == expect, answer.text
        return dict(answer.json())

    def links(self, client: TestClient | None = None) -> list[dict[str, Any]]:
        answer = (client or self.admin).get(f"/api/v1/accounts/{self.account_id}/share-links")
        assert answer.status_code == 200, answer.text
        return list(answer.json()["items"])


def token_of(link: dict[str, Any]) -> str:
    url: str = link["url"]
    assert "/s/" in url
    return url.rsplit("/s/", 1)[1]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 - a presigned URL of the test's store
        body: bytes = answer.read()
        return body
