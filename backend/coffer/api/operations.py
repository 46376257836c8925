"""An API operation is declared once: path, method, models, and who may call it.

The same declaration validates requests, shapes responses and produces the OpenAPI document,
so the document cannot drift from what the code accepts. Who may call it is declared explicitly:
either `public=True` (no session) or an `action` (with `account_param` when the path names an
account); a declaration that leaves it open stops the app at start-up (fail closed).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from coffer.api.context import wiring
from coffer.api.problems import FieldError, ProblemError
from coffer.api.session_guard import note_renewal, require_session, set_renewed_cookie
from coffer.authorization import Action, authorize

Handler = Callable[[Request, Any], Awaitable[BaseModel | Response | None]]
_MAX_BODY_BYTES = 64 * 1024
_PATH_PARAMETER = re.compile(r"\{([a-z_]+)(?::[a-z]+)?\}")


class UndeclaredAccess(Exception):
    """An operation's declaration leaves open who may call it; the app refuses to start."""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    operation_id: str
    summary: str
    handler: Handler
    tag: str
    body: type[BaseModel] | None = None
    response: type[BaseModel] | None = None
    status: int = 200
    public: bool = False  # anyone may call it, without a session; the only way to declare no action
    errors: tuple[int, ...] = field(default_factory=tuple)
    action: Action | None = None  # required unless public; Action.OWN_PROFILE for the caller's own things
    account_param: str | None = None  # the path parameter naming the account; required when the path has one
    query: type[BaseModel] | None = None
    media_type: str = "application/json"
    idempotency_key: bool = False  # accepts an Idempotency-Key header making a repeated submit harmless

    @property
    def needs_session(self) -> bool:
        return not self.public

    def check_access_declared(self) -> Action | None:
        """The action to authorize (None only for public operations); raises UndeclaredAccess otherwise."""
        where = f"{self.method} {self.path} ({self.operation_id})"
        parameters = set(_PATH_PARAMETER.findall(self.path))
        if self.public:
            if self.action is not None or self.account_param is not None:
                raise UndeclaredAccess(f"{where} is public=True but also names an action or account_param: pick one.")
            return None
        if self.action is None:
            raise UndeclaredAccess(
                f"{where} needs a session but declares no action: add action=Action.… "
                "(Action.OWN_PROFILE for the caller's own things), or public=True if anyone may call it."
            )
        if self.account_param is not None and self.account_param not in parameters:
            raise UndeclaredAccess(f"{where} names account_param={self.account_param!r}, which is not in its path.")
        if self.account_param is None and "account_id" in parameters:
            raise UndeclaredAccess(
                f"{where} has an account in its path but no account_param: its account scope would go unchecked."
            )
        return self.action

    def route(self) -> Route:
        action = self.check_access_declared()

        async def endpoint(request: Request) -> Response:
            if action is not None:
                claims = await require_session(request)
                account_id = request.path_params[self.account_param] if self.account_param else None
                authorize(claims, action, account_id)
            body: BaseModel | None = None
            if self.body is not None:
                body = await _parse_body(request, self.body)
            elif self.query is not None:
                body = _parse_query(request, self.query)
            result = await self.handler(request, body)
            if isinstance(result, Response):
                response = result
            elif result is None:
                response = Response(status_code=self.status)
            else:
                response = Response(result.model_dump_json(), status_code=self.status, media_type="application/json")
            if self.needs_session:
                set_renewed_cookie(request, response)
                await note_renewal(request, client_ip(request))
            response.headers.setdefault("Cache-Control", "no-store")
            return response

        return Route(self.path, endpoint, methods=[self.method], name=self.operation_id)


def _field_name(location: tuple[int | str, ...]) -> str:
    return ".".join(str(part) for part in location) or "body"


async def _parse_body(request: Request, model: type[BaseModel]) -> BaseModel:
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json":
        raise ProblemError(
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "Send the request body as JSON with Content-Type: application/json.",
        )
    raw = await request.body()
    if len(raw) > _MAX_BODY_BYTES:
        raise ProblemError(
            413,
            "body-too-large",
            "Request body too large",
            f"The request body may hold at most {_MAX_BODY_BYTES} bytes.",
        )
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ProblemError(
            400, "malformed-json", "Malformed JSON", f"The request body is not valid JSON: {error}."
        ) from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _validation_problem(error) from error


def _validation_problem(error: ValidationError) -> ProblemError:
    errors = [FieldError(field=_field_name(item["loc"]), message=item["msg"]) for item in error.errors()]
    summary = "; ".join(f"{item.field}: {item.message}" for item in errors)
    return ProblemError(422, "validation", "Invalid request", f"Some fields are invalid: {summary}.", errors=errors)


def _parse_query(request: Request, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(dict(request.query_params))
    except ValidationError as error:
        raise _validation_problem(error) from error


def client_ip(request: Request) -> str:
    """The client's IP; X-Forwarded-For is believed only when the settings say a trusted proxy is in front."""
    if wiring(request).settings.trust_proxy_headers:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return request.client.host if request.client else "unknown"
