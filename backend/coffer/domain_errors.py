"""Domain exceptions that name the RFC 9457 problem they answer with, so the API maps them all in one handler.

Every capability (and the store and providers) may import this module: it imports nothing of Coffer's
and nothing of HTTP, and a new error is declared once, where it is raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one input, so a form can show it next to that field."""

    field: str
    message: str


class DomainError(Exception):
    """A refusal the client is told about: the class names the problem's status, type slug and title.

    The detail is the exception's text unless the class words it itself (as a property or a plain
    class attribute); `field_problems` and `headers` add to the answer, and errors whose cause lies
    with the storage system set `log_warning` so that operators see them.
    """

    status: ClassVar[int]
    slug: ClassVar[str]
    title: ClassVar[str]
    log_warning: ClassVar[str | None] = None  # logged at warning level as "<log_warning>: <the error>"

    @property
    def detail(self) -> str:
        return str(self)

    @property
    def field_problems(self) -> tuple[FieldProblem, ...]:
        return ()

    @property
    def headers(self) -> dict[str, str]:
        return {}

    @property
    def until(self) -> float | None:
        """When the refusal ends, for one that lasts (epoch seconds); the answer says it as `until`."""
        return None
