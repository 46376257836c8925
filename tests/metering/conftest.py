"""Metering against the real storage: collector cycles are driven by the test, figures read over the API."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest

from coffer.app import build_provider, build_wiring, redis_connection
from coffer.clock import FixedClock
from coffer.metering.collector import Collector
from coffer.settings import Settings

from ..storage import remove_buckets


def with_collectors(settings: Settings, clock: FixedClock, count: int, work: Callable[..., Awaitable[Any]]) -> Any:
    """Runs `work(*collectors)` with collectors of separate instances (own connections), as BFFs would."""

    async def run() -> Any:
        opened = []
        try:
            for _ in range(count):
                connection, provider = redis_connection(settings), build_provider(settings)
                opened.append(
                    (connection, provider, build_wiring(settings, clock, connection, provider).get(Collector))
                )
            return await work(*(collector for _, _, collector in opened))
        finally:
            for connection, provider, collector in opened:
                await collector.step_down()
                await provider.close()
                await connection.close()

    return asyncio.run(run())


def cycle(settings: Settings, clock: FixedClock, capacity: bool = False) -> None:
    """One collector cycle by a fresh instance (it goes on from what the previous one stored)."""

    async def work(collector: Collector) -> None:
        assert await collector.lead()
        assert await collector.collect_requests()
        if capacity:
            assert await collector.collect_capacity()

    with_collectors(settings, clock, 1, work)


@pytest.fixture
def buckets(settings: Settings) -> Iterator[list[str]]:
    """Bucket names a test makes (it appends them); emptied and deleted afterwards."""
    made: list[str] = []
    yield made
    remove_buckets(settings, made)
