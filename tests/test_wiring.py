"""The app factory lists capabilities in API order and each is built once what it uses exists; one that
needs a service nobody builds stops the start with both named, as an undeclared operation does."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest

from coffer.accounts.service import Accounts
from coffer.app import CAPABILITIES, build_provider, redis_connection
from coffer.clock import FixedClock
from coffer.keys.switch import KeySwitch
from coffer.settings import Settings
from coffer.wiring import Capability, NotBuilt, Wiring, build_all


def _with_wiring(settings: Settings, work: Callable[[Wiring], Any]) -> Any:
    async def run() -> Any:
        connection, provider = redis_connection(settings), build_provider(settings)
        try:
            return work(Wiring(settings, FixedClock(0), connection, provider))
        finally:
            await provider.close()
            await connection.close()

    return asyncio.run(run())


def test_the_capabilities_build_the_same_services_in_whatever_order_they_are_listed(settings: Settings) -> None:
    listed = _with_wiring(settings, lambda wiring: build_all(wiring, CAPABILITIES).built())
    reversed_ = _with_wiring(settings, lambda wiring: build_all(wiring, tuple(reversed(CAPABILITIES))).built())

    assert listed == reversed_
    assert {"Accounts", "People", "SignIn", "Collector", "AccountRequests"} <= listed


def test_a_capability_whose_dependency_nobody_builds_stops_the_start_naming_both(settings: Settings) -> None:
    def needs_keys(wiring: Wiring) -> None:
        wiring.add(object())  # built before the missing dependency is asked for: must not stay behind
        wiring.get(KeySwitch)

    def start(wiring: Wiring) -> None:
        with pytest.raises(NotBuilt, match="bucket browser: nothing built a KeySwitch"):
            build_all(wiring, (Capability("bucket browser", needs_keys),))
        assert wiring.built() == frozenset()

    _with_wiring(settings, start)


def test_two_capabilities_building_the_same_service_are_refused(settings: Settings) -> None:
    def start(wiring: Wiring) -> None:
        accounts = build_all(wiring, CAPABILITIES).get(Accounts)
        with pytest.raises(ValueError, match="Accounts is built twice"):
            wiring.add(accounts)

    _with_wiring(settings, start)
