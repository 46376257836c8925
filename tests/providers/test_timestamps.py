"""Storage timestamps read by the fast reader are the ones botocore's own reader gives."""

from __future__ import annotations

import pytest
from botocore.utils import parse_timestamp

from coffer.providers.timestamps import read_timestamp


@pytest.mark.parametrize(
    "written",
    [
        "2026-11-27T05:38:56Z",
        "2026-11-27T05:38:56.123Z",
        "2026-11-27T05:38:56.123456Z",
        "2026-11-27T05:38:56+02:00",
        "2026-11-27T05:38:56.5-07:30",
        "2026-11-27T05:38:56",  # no zone: botocore's reader decides
        "Fri, 27 Nov 2026 05:38:56 GMT",
        "1795758336",
        "1795758336.25",
    ],
)
def test_a_storage_timestamp_reads_as_botocore_reads_it(written: str) -> None:
    fast, reference = read_timestamp(written), parse_timestamp(written)

    assert fast == reference
    assert fast.utcoffset() == reference.utcoffset()


def test_an_unreadable_timestamp_is_refused_as_botocore_refuses_it() -> None:
    with pytest.raises(ValueError, match="Invalid timestamp"):
        read_timestamp("yesterday at noon")
