"""The console learns from the API which bucket and object features the storage system offers."""

from __future__ import annotations

import asyncio
from dataclasses import fields

from starlette.testclient import TestClient

from coffer.app import build_provider
from coffer.clock import FixedClock
from coffer.providers.base import StorageFeatures
from coffer.settings import Settings

from ..conftest import create_account_with_admin, unique_account_id
from ..flows import Person, first_sign_in


def test_the_features_are_the_providers_declaration(client: TestClient, settings: Settings, clock: FixedClock) -> None:
    account_id = unique_account_id("feat")
    created = create_account_with_admin(settings, account_id, f"alice{account_id}")
    first_sign_in(client, Person(created.user.username, created.one_time_password), clock)

    answer = client.get("/api/v1/storage/features")

    assert answer.status_code == 200, answer.text
    provider = build_provider(settings)
    declared = provider.features
    asyncio.run(provider.close())
    assert answer.json() == {
        field.name: {
            "supported": getattr(declared, field.name).supported,
            "why_not": getattr(declared, field.name).why_not,
        }
        for field in fields(StorageFeatures)
    }
    assert answer.json()["lifecycle"]["supported"] is False and answer.json()["lifecycle"]["why_not"]


def test_the_features_need_a_session(client: TestClient) -> None:
    assert client.get("/api/v1/storage/features").status_code == 401
