"""Interval arithmetic of metering queries."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

from coffer.metering.resolutions import SECONDS, slots_between


def test_a_range_reaching_far_into_the_past_keeps_only_the_last_intervals() -> None:
    """Found by schemathesis: a start in year 229 made the server build 94 million slots before cutting."""
    start = datetime(229, 9, 27, tzinfo=UTC).timestamp()
    end = datetime(2026, 11, 27, 12, 34, tzinfo=UTC).timestamp()

    slots = slots_between("10m", start, end, 1000)

    assert len(slots) == 1000
    assert slots[-1] == datetime(2026, 11, 27, 12, 30, tzinfo=UTC).timestamp()
    assert all(later - earlier == SECONDS["10m"] for earlier, later in itertools.pairwise(slots))


def test_a_short_range_is_whole_and_an_inverted_one_empty() -> None:
    hour = datetime(2026, 11, 27, 12, tzinfo=UTC).timestamp()
    assert slots_between("1m", hour, hour + 179, 1000) == [hour, hour + 60, hour + 120]
    assert slots_between("1m", hour + 600, hour, 1000) == []
