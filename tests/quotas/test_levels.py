"""The one rule of how full a quota is: a shown figure never reaches a threshold before usage does."""

from __future__ import annotations

from coffer.quotas.levels import is_over, percent_text, quota_level, used_percent


def test_the_share_is_rounded_down_so_it_never_reads_as_a_threshold_not_reached() -> None:
    assert used_percent(8_999, 10_000) == 89.9  # not "90 %"
    assert quota_level(8_999, 10_000, 80, 90) == "warning"
    assert used_percent(9_000, 10_000) == 90.0
    assert quota_level(9_000, 10_000, 80, 90) == "critical"
    assert percent_text(8_999, 10_000) == "89.9 %"
    assert percent_text(1, 3) == "33.3 %"


def test_over_quota_is_more_than_the_quota_as_the_enforcement_has_it() -> None:
    assert (is_over(10_000, 10_000), quota_level(10_000, 10_000, 80, 90)) == (False, "critical")
    assert (is_over(10_001, 10_000), quota_level(10_001, 10_000, 80, 90)) == (True, "exceeded")
    assert used_percent(13_333, 10_000) == 133.3


def test_without_a_quota_or_a_sample_there_is_no_share() -> None:
    assert used_percent(None, 10_000) is None and used_percent(5, None) is None and used_percent(5, 0) is None
    assert quota_level(None, 10_000, 80, 90) == "ok"
