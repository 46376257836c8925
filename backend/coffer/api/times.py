"""Epoch seconds (as stored) to the timezone-aware UTC datetimes the API answers with."""

from __future__ import annotations

from datetime import UTC, datetime


def utc(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, tz=UTC)


def utc_or_none(seconds: float | None) -> datetime | None:
    return None if seconds is None else utc(seconds)
