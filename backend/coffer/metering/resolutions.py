"""The time grids of metering: requests from 10 s up to a week, capacity from 10 min up."""

from __future__ import annotations

from typing import Literal

Resolution = Literal["10s", "1m", "10m", "1h", "1d", "1w"]
CapacityResolution = Literal["10m", "1h", "1d", "1w"]

SECONDS: dict[str, int] = {"10s": 10, "1m": 60, "10m": 600, "1h": 3600, "1d": 86_400, "1w": 604_800}
REQUEST_RESOLUTIONS: tuple[Resolution, ...] = ("10s", "1m", "10m", "1h", "1d", "1w")
CAPACITY_RESOLUTIONS: tuple[CapacityResolution, ...] = ("10m", "1h", "1d", "1w")
_EPOCH_MONDAY = 4 * 86_400  # 1970-01-01 was a Thursday: weeks start on Mondays, as people read them


def slot_start(resolution: str, at: float) -> int:
    """The start (epoch seconds, UTC) of the interval holding `at`."""
    size = SECONDS[resolution]
    offset = -_EPOCH_MONDAY if resolution == "1w" else 0
    return int((at + offset) // size * size) - offset


def last_slots(resolution: str, now: float, count: int) -> list[int]:
    """The starts of the last `count` intervals, oldest first, the current (still filling) one last."""
    newest = slot_start(resolution, now)
    size = SECONDS[resolution]
    return [newest - size * back for back in range(count - 1, -1, -1)]


def slots_between(resolution: str, start: float, end: float, limit: int) -> list[int]:
    """The interval starts from the one holding `start` to the one holding `end`, at most `limit` of them."""
    first, last = slot_start(resolution, start), slot_start(resolution, end)
    size = SECONDS[resolution]
    # Only the last `limit` are kept: never build the whole range (a start in year 229 is 94 million slots).
    first = max(first, last - (limit - 1) * size)
    return list(range(first, last + 1, size))
