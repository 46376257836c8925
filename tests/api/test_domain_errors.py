"""Each domain error names a whole problem: the one API handler answers for all of them with what they declare."""

from __future__ import annotations

import re

import pytest

import coffer.app  # noqa: F401  (imports every capability, and with them every domain error)
from coffer.domain_errors import DomainError


def _kinds(base: type[DomainError]) -> list[type[DomainError]]:
    return [kind for sub in base.__subclasses__() for kind in (sub, *_kinds(sub))]


@pytest.mark.parametrize("kind", _kinds(DomainError), ids=lambda kind: kind.__name__)
def test_every_domain_error_names_its_problem(kind: type[DomainError]) -> None:
    assert 400 <= kind.status < 600
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", kind.slug)
    assert kind.title


def test_the_errors_of_every_capability_are_checked() -> None:
    """An empty list would let the test above pass without checking anything."""
    assert len(_kinds(DomainError)) >= 40
