"""The regulator's own promises: bursts get no extra tries, and guessing slows without locking anyone."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from starlette.testclient import TestClient

from coffer.app import redis_connection
from coffer.clock import FixedClock
from coffer.sealing import Sealer
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.store.regulation import RegulationStore, SignInFailureStore
from coffer.verification.devices import KnownDevices
from coffer.verification.regulation import Locked, Regulator

from ..flows import Person


def test_a_burst_of_parallel_wrong_passwords_gets_no_more_tries_than_one_after_the_other(
    client: TestClient, admin: Person
) -> None:
    def guess(number: int) -> int:
        body = {"username": admin.username, "password": f"parallel guess {number}"}
        return client.post("/api/v1/auth/login", json=body).status_code

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(guess, range(24)))

    assert answers.count(401) <= 5, answers
    assert answers.count(401) + answers.count(429) == len(answers)


def _regulator(settings: Settings, clock: FixedClock, delays: list[float]) -> tuple[Regulator, RedisConnection]:
    async def record(seconds: float) -> None:
        delays.append(seconds)

    connection = redis_connection(settings)
    redis = connection.redis
    devices = KnownDevices(Sealer(settings.master_key_bytes()), clock, 86_400)
    regulator = Regulator(
        RegulationStore(redis), SignInFailureStore(redis), devices, clock, 5, 900, 30, 4.0, sleep=record
    )
    return regulator, connection


def test_failures_past_the_daily_allowance_are_answered_ever_slower_and_a_right_password_never_waits(
    settings: Settings, clock: FixedClock
) -> None:
    delays: list[float] = []

    async def run() -> None:
        regulator, connection = _regulator(settings, clock, delays)
        try:
            for _ in range(12):
                try:
                    attempt = await regulator.begin("victim", None)
                except Locked:
                    clock.advance(15 * 60 + 1)  # the lock of strangers ends; the day's count goes on
                    attempt = await regulator.begin("victim", None)
                await regulator.failed(attempt)
            delays_before_success = len(delays)
            await regulator.passed(await regulator.begin("victim", None))
            assert len(delays) == delays_before_success
        finally:
            await connection.close()

    asyncio.run(run())

    assert delays == [0.25, 0.5, 1.0, 2.0, 4.0, 4.0, 4.0]
