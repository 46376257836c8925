"""Domain errors leave the API as problem JSON through one handler; each error declares its own problem."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from coffer.api.problems import TYPE_BASE, FieldError, Problem, problem_response
from coffer.domain_errors import DomainError

_log = logging.getLogger("coffer.api")


def _problem_of(error: DomainError) -> Problem:
    errors = [FieldError(field=problem.field, message=problem.message) for problem in error.field_problems]
    until = None if error.until is None else datetime.fromtimestamp(error.until, tz=UTC)
    return Problem(
        type=TYPE_BASE + error.slug,
        title=error.title,
        status=error.status,
        detail=error.detail,
        errors=errors or None,
        until=until,
    )


async def handle_domain_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, DomainError)
    if error.log_warning is not None:
        _log.warning("%s: %s", error.log_warning, error)
    return problem_response(_problem_of(error), error.headers)


# Starlette looks a handler up along the exception's MRO, so this one entry answers for every subclass.
DOMAIN_ERRORS: dict[type[Exception], Callable[[Request, Exception], Awaitable[Response]]] = {
    DomainError: handle_domain_error
}
