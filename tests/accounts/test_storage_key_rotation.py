"""The platform storage key is rotated under a running console: no instance restarts."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from pathlib import Path

from starlette.testclient import TestClient

from coffer.clock import FixedClock
from coffer.embedded.seaweedfs import EmbeddedSeaweedFS
from coffer.embedded.stack import EmbeddedStack

from ..conftest import make_settings, open_client
from ..flows import Person, first_sign_in


def _wait_for(condition: Callable[[], bool], seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition was not met in time"
        time.sleep(0.2)


def test_the_storage_key_is_swapped_in_its_files_and_the_old_one_removed_without_a_restart(
    stack: EmbeddedStack, tmp_path: Path, clock: FixedClock, admin: Person
) -> None:
    old = (stack.secrets.storage_access_key, stack.secrets.storage_secret_key)
    new = ("COFFERNEW" + secrets.token_hex(6).upper(), secrets.token_urlsafe(30))
    weed = EmbeddedSeaweedFS(tmp_path / "weed", *old, stack.secrets.sts_signing_key)
    weed.start()
    try:
        key_file, secret_file = tmp_path / "access_key", tmp_path / "secret_key"
        key_file.write_text(old[0])
        secret_file.write_text(old[1])
        settings = make_settings(
            stack,
            s3_endpoint=weed.s3_endpoint,
            storage_metrics_urls=[weed.metrics_url],
            storage_access_key="",
            storage_secret_key="",
            storage_access_key_file=key_file,
            storage_secret_key_file=secret_file,
        )
        with open_client(settings, clock) as client:
            first_sign_in(client, admin, clock)
            assert _storage_ready(client)

            # 1. the storage system accepts both keys; 2. the files get the new one
            weed.service_keys = [old, new]
            weed.stop()
            weed.start()
            key_file.write_text(new[0])
            secret_file.write_text(new[1])
            # 3. the old key is removed from the storage system: only an instance on the new one still works
            weed.service_keys = [new]
            weed.stop()
            weed.start()

            _wait_for(lambda: _storage_ready(client))  # the instance reads the files again within seconds
            assert client.get("/api/v1/accounts").status_code == 200
    finally:
        weed.stop(kill=True)


def _storage_ready(client: TestClient) -> bool:
    answer = client.get("/readyz")
    return answer.status_code == 200
