"""Opaque page cursors (an offset into an index), shared by every paged list."""

from __future__ import annotations

import base64

from coffer.api.problems import ProblemError


def encode_offset(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode()


def decode_offset(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        kind, _, value = base64.urlsafe_b64decode(cursor.encode()).decode().partition(":")
        offset = int(value)
    except (ValueError, UnicodeDecodeError) as error:
        raise _bad_cursor() from error
    if kind != "o" or offset < 0:
        raise _bad_cursor()
    return offset


def _bad_cursor() -> ProblemError:
    return ProblemError(
        422, "invalid-cursor", "Invalid page cursor", "The page cursor is not valid; start again from the first page."
    )
