"""Fixtures of the share-link tests: an account with a bucket of reports, its admin signed in, and a stranger."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.settings import Settings

from ..conftest import create_account_with_admin, open_client, unique_account_id
from ..flows import Person, first_sign_in
from ..storage import remove_buckets, service_client
from .sharing import REPORT, Sharing


@pytest.fixture
def sharing(settings: Settings, client: TestClient, clock: FixedClock) -> Iterator[Sharing]:
    account_id = unique_account_id("shr")
    created = create_account_with_admin(settings, account_id, f"alice{account_id}")
    bucket = f"{account_id}-docs"
    s3 = service_client(settings, "s3")
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="reports/q1.csv", Body=REPORT)
    s3.put_object(Bucket=bucket, Key="reports/secret.csv", Body=b"not shared")
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)
    yield Sharing(account_id, bucket, client, created.user.id, settings, clock)
    remove_buckets(settings, [bucket])


@pytest.fixture
def stranger(settings: Settings, clock: FixedClock) -> Iterator[TestClient]:
    """Someone with the link and no session at all."""
    with open_client(settings, clock) as client:
        yield client
