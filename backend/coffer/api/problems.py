"""Every error leaves the API as RFC 9457 problem JSON with a stable `type` and a human `detail`."""

from __future__ import annotations

import logging
from datetime import datetime

from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

TYPE_BASE = "https://coffer.dev/problems/"
_log = logging.getLogger("coffer.api")


class FieldError(BaseModel):
    field: str
    message: str


class Problem(BaseModel):
    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None
    until: datetime | None = Field(
        None, description="When a refusal in force ends (a lockout): the console says it in the reader's time."
    )


class ProblemError(Exception):
    """Raise to answer with a problem; `slug` becomes the stable type URI."""

    def __init__(
        self,
        status: int,
        slug: str,
        title: str,
        detail: str,
        errors: list[FieldError] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.problem = Problem(type=TYPE_BASE + slug, title=title, status=status, detail=detail, errors=errors)
        self.headers = headers or {}


def problem_response(problem: Problem, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=problem.status,
        media_type="application/problem+json",
        headers=headers,
    )


async def handle_problem(request: Request, error: Exception) -> Response:
    assert isinstance(error, ProblemError)
    return problem_response(error.problem, error.headers)


_HTTP_TITLES = {
    404: ("not-found", "Not found", "There is nothing at this address."),
    405: ("method-not-allowed", "Method not allowed", "This address does not accept this method."),
}


async def handle_http_exception(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    slug, title, detail = _HTTP_TITLES.get(error.status_code, ("http-error", "Request failed", str(error.detail)))
    headers = dict(error.headers or {})
    return problem_response(
        Problem(type=TYPE_BASE + slug, title=title, status=error.status_code, detail=detail), headers
    )


async def handle_unexpected(request: Request, error: Exception) -> Response:
    _log.exception("unexpected error", extra={"path": request.url.path})
    return problem_response(
        Problem(
            type=TYPE_BASE + "internal",
            title="Internal error",
            status=500,
            detail="Something went wrong on our side. Nothing was changed; please try again.",
        )
    )
