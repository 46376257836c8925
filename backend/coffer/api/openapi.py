"""The OpenAPI 3.1 document, generated from the operations and their pydantic models.

The result is validated by openapi-pydantic's models before it is served.
"""

from __future__ import annotations

from typing import Any

from openapi_pydantic import OpenAPI
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from coffer.api.operations import Operation
from coffer.api.problems import Problem

_REF = "#/components/schemas/{model}"
_ERROR_TEXT = {
    400: "Malformed request",
    401: "Not signed in or session ended",
    403: "Not allowed",
    404: "Not found",
    409: "Conflict",
    413: "Body too large",
    415: "Not JSON",
    422: "Invalid input",
    429: "Too many attempts",
    503: "A backing system is unavailable",
}
_CSRF_HEADER = {
    "name": "X-Coffer-CSRF",
    "in": "header",
    "required": True,
    "description": "Must be `1` on every unsafe request.",
    "schema": {"type": "string", "const": "1"},
}

_IDEMPOTENCY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "A fresh random key per form; a resend with the same key returns the first outcome.",
    "schema": {"type": "string", "maxLength": 128},
}


def _problem(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": _REF.format(model="Problem")}}},
    }


def build_document(operations: list[Operation], version: str) -> dict[str, Any]:
    models: set[type[BaseModel]] = {Problem}
    for operation in operations:
        models.update(model for model in (operation.body, operation.response) if model is not None)
    ordered = sorted(models, key=lambda model: model.__name__)
    _, schemas = models_json_schema([(model, "validation") for model in ordered], ref_template=_REF)
    paths: dict[str, dict[str, Any]] = {}
    for operation in operations:
        responses: dict[str, Any] = {}
        if operation.media_type != "application/json":
            responses[str(operation.status)] = {
                "description": "Success",
                "content": {operation.media_type: {"schema": {"type": "string"}}},
            }
        elif operation.response is not None:
            responses[str(operation.status)] = {
                "description": "Success",
                "content": {"application/json": {"schema": {"$ref": _REF.format(model=operation.response.__name__)}}},
            }
        else:
            responses[str(operation.status)] = {"description": "Success, no content"}
        codes = set(operation.errors) | ({401} if operation.needs_session else set())
        if operation.body is not None:
            codes |= {400, 415, 422}
        if operation.query is not None:
            codes |= {422}  # a query parameter out of range, or a page cursor that is not one
        if operation.method != "GET":
            codes |= {403}  # refused without the console's CSRF header
        for code in sorted(codes):
            responses[str(code)] = _problem(_ERROR_TEXT.get(code, "Error"))
        entry: dict[str, Any] = {
            "operationId": operation.operation_id,
            "summary": operation.summary,
            "tags": [operation.tag],
            "responses": responses,
        }
        parameters = [
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            for name in _path_parameters(operation.path)
        ]
        if operation.query is not None:
            parameters += _query_parameters(operation.query)
        if operation.method != "GET":
            parameters.append(_CSRF_HEADER)
        if operation.idempotency_key:
            parameters.append(_IDEMPOTENCY_HEADER)
        if parameters:
            entry["parameters"] = parameters
        if operation.body is not None:
            entry["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": _REF.format(model=operation.body.__name__)}}},
            }
        if operation.needs_session:
            entry["security"] = [{"session": []}]
        paths.setdefault(operation.path, {})[operation.method.lower()] = entry
    document = {
        "openapi": "3.1.0",
        "info": {
            "title": "Coffer API",
            "version": version,
            "description": "Console API of Coffer. Errors are RFC 9457 problem documents.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas.get("$defs", {}),
            "securitySchemes": {"session": {"type": "apiKey", "in": "cookie", "name": "__Host-coffer_session"}},
        },
    }
    OpenAPI.model_validate(document)
    return document


def _query_parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    schema = model.model_json_schema(ref_template=_REF)
    return [
        {"name": name, "in": "query", "required": name in schema.get("required", []), "schema": field}
        for name, field in schema["properties"].items()
    ]


def _path_parameters(path: str) -> list[str]:
    return [part[1:-1].split(":")[0] for part in path.split("/") if part.startswith("{") and part.endswith("}")]
