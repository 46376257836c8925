"""One rule for how full a quota is, used by every place that says it (API, alerts, mail).

The share is rounded *down* to a tenth of a percent, so a figure never reaches a threshold before the
usage does (89.99 % reads "89.9 %", below a 90 % critical threshold, not "90 %"). Levels are decided on
the exact integers, and "over quota" is the enforcement's rule: more used than the quota allows."""

from __future__ import annotations

from typing import Literal

QuotaLevel = Literal["ok", "warning", "critical", "exceeded"]
LEVEL_ORDER: tuple[QuotaLevel, ...] = ("ok", "warning", "critical", "exceeded")


def used_percent(used: int | None, limit: int | None) -> float | None:
    """The share of the quota used in percent, rounded down to one decimal; None without both figures."""
    if used is None or not limit:
        return None
    return (1000 * used // limit) / 10


def is_over(used: int, limit: int) -> bool:
    """Writes are refused: the storage holds more than the quota allows."""
    return used > limit


def quota_level(used: int | None, limit: int | None, warning_percent: int, critical_percent: int) -> QuotaLevel:
    if used is None or not limit:
        return "ok"
    if is_over(used, limit):
        return "exceeded"
    if 100 * used >= critical_percent * limit:
        return "critical"
    return "warning" if 100 * used >= warning_percent * limit else "ok"


def percent_text(used: int, limit: int) -> str:
    """The share as people read it in alerts and mail: "89.9 %"."""
    share = used_percent(used, limit)
    return "0 %" if share is None else f"{share:g} %"
