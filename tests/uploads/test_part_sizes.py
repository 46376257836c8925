"""How a file is cut into parts: S3's limits hold for every size up to 5 TiB, and completion checks the parts."""

from __future__ import annotations

import pytest

from coffer.providers.base import UploadedPart
from coffer.uploads.service import (
    MAX_OBJECT_SIZE,
    MAX_PARTS,
    MIB,
    MIN_PART_SIZE,
    PART_SIZE,
    UploadIncomplete,
    check_parts,
    part_count,
    part_size_for,
)

GIB = 1024 * MIB


@pytest.mark.parametrize("size", [16 * MIB, 64 * MIB, 5 * GIB, 78 * GIB, 79 * GIB, 1024 * GIB, MAX_OBJECT_SIZE])
def test_every_size_up_to_5_tib_fits_in_10000_parts_of_at_least_5_mib(size: int) -> None:
    part_size = part_size_for(size)
    count = part_count(size, part_size)
    assert part_size >= MIN_PART_SIZE and part_size % MIB == 0
    assert count <= MAX_PARTS
    assert (count - 1) * part_size < size <= count * part_size


def test_a_5_gib_file_goes_in_640_parts_of_8_mib() -> None:
    assert (part_size_for(5 * GIB), part_count(5 * GIB, part_size_for(5 * GIB))) == (PART_SIZE, 640)


def _parts(*sizes: int, numbers: list[int] | None = None) -> list[UploadedPart]:
    return [
        UploadedPart(number, size, "e") for number, size in zip(numbers or range(1, len(sizes) + 1), sizes, strict=True)
    ]


def test_parts_that_make_the_file_pass() -> None:
    check_parts(_parts(PART_SIZE, PART_SIZE, 5), 2 * PART_SIZE + 5)


@pytest.mark.parametrize(
    ("parts", "size", "message"),
    [
        (_parts(), 1, "No part"),
        (_parts(PART_SIZE, 5, numbers=[1, 3]), 2 * PART_SIZE + 5, "1 of 3 parts have not arrived: 2."),
        (_parts(PART_SIZE, 4), PART_SIZE + 5, "not the file's"),  # a short last part
        (_parts(PART_SIZE, PART_SIZE, 5, 1), 2 * PART_SIZE + 5, "not the file's"),  # a part too many
    ],
)
def test_parts_that_do_not_make_the_file_are_not_joined(parts: list[UploadedPart], size: int, message: str) -> None:
    with pytest.raises(UploadIncomplete, match=message):
        check_parts(parts, size)
