"""An account with its signed-in admin and a platform admin, and the admin's own S3 key: quotas and alerts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from ..conftest import create_account_with_admin, create_platform_admin, make_settings, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..metering.conftest import cycle
from ..storage import key_of, service_client


@dataclass
class Tenant:
    account_id: str
    owner: TestClient
    staff: TestClient
    s3: Any  # the account admin's own access key, as their tools would use it
    settings: Settings
    clock: FixedClock

    def bucket(self, name: str, *sizes: int) -> str:
        bucket = f"{self.account_id}-{name}"
        service_client(self.settings, "s3").create_bucket(Bucket=bucket)
        for number, size in enumerate(sizes):
            self.s3.put_object(Bucket=bucket, Key=f"object{number}", Body=os.urandom(size))
        return bucket

    def sample(self) -> None:
        """A capacity sample a minute after the previous one (the collector's cycle, driven by the test)."""
        self.clock.advance(60)
        cycle(self.settings, self.clock, capacity=True)

    def quota(self) -> dict[str, Any]:
        return dict(self.owner.get(f"/api/v1/accounts/{self.account_id}/quota").json())


@pytest.fixture
def tenant(stack: EmbeddedStack, clock: FixedClock) -> Iterator[Tenant]:
    settings = make_settings(stack, quota_min_bytes=1)
    account_id = unique_account_id("quota")
    owner = create_account_with_admin(settings, account_id, f"owner{account_id}")
    staff = create_platform_admin(settings, "root")
    with open_client(settings, clock) as owner_client, open_client(settings, clock) as staff_client:
        first_sign_in(owner_client, Person(owner.user.username, owner.one_time_password), clock)
        first_sign_in(staff_client, Person("root", staff.one_time_password), clock)
        s3 = key_of(settings, account_id, owner.user.username)
        yield Tenant(account_id, owner_client, staff_client, s3, settings, clock)
