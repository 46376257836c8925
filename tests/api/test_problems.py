"""Every error is RFC 9457 problem JSON a person can read; the OpenAPI document is the code's."""

from __future__ import annotations

import json
from pathlib import Path

from starlette.testclient import TestClient

from coffer.app import openapi_document


def _assert_problem(answer: object, status: int, slug: str) -> dict[str, object]:
    assert answer.status_code == status, answer.text  # type: ignore[attr-defined]
    assert answer.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    problem: dict[str, object] = answer.json()  # type: ignore[attr-defined]
    assert str(problem["type"]).endswith("/" + slug)
    assert problem["status"] == status
    assert isinstance(problem["detail"], str) and problem["detail"]
    return problem


def test_malformed_json_is_a_problem(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/login", content=b"{not json", headers={"content-type": "application/json"})
    _assert_problem(answer, 400, "malformed-json")


def test_a_body_that_is_not_json_is_a_problem(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/login", content=b"username=a", headers={"content-type": "text/plain"})
    _assert_problem(answer, 415, "unsupported-media-type")


def test_wrong_type_names_the_field(client: TestClient) -> None:
    problem = _assert_problem(
        client.post("/api/v1/auth/login", json={"username": [], "password": "x"}), 422, "validation"
    )
    assert "username" in str(problem["detail"])


def test_unknown_api_route_is_a_problem(client: TestClient) -> None:
    _assert_problem(client.get("/api/v1/no-such-thing"), 404, "not-found")


def test_wrong_method_is_a_problem(client: TestClient) -> None:
    _assert_problem(client.get("/api/v1/auth/login"), 405, "method-not-allowed")


def test_no_session_is_a_problem(client: TestClient) -> None:
    _assert_problem(client.get("/api/v1/me"), 401, "unauthenticated")


def test_unsafe_request_without_csrf_header_is_refused(client: TestClient) -> None:
    answer = client.post("/api/v1/auth/login", json={"username": "a", "password": "b"}, headers={"X-Coffer-CSRF": ""})
    _assert_problem(answer, 403, "csrf")


def test_cross_site_request_is_refused(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/auth/login", json={"username": "a", "password": "b"}, headers={"Sec-Fetch-Site": "cross-site"}
    )
    _assert_problem(answer, 403, "csrf")


def test_request_from_another_origin_is_refused(client: TestClient) -> None:
    answer = client.post(
        "/api/v1/auth/login", json={"username": "a", "password": "b"}, headers={"Origin": "https://evil.example"}
    )
    _assert_problem(answer, 403, "csrf")


def test_health_and_readiness(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_metrics_count_requests_by_route(client: TestClient) -> None:
    client.get("/api/v1/me")
    text = client.get("/metrics").text
    assert 'coffer_http_requests_total{method="GET",route="/api/v1/me",status="401"}' in text


def test_the_served_openapi_document_is_the_generated_one(client: TestClient) -> None:
    served = client.get("/api/v1/openapi.json").json()
    assert served == openapi_document()
    assert served["openapi"].startswith("3.1")


def test_the_frontend_client_is_generated_from_the_current_document() -> None:
    committed = Path(__file__).parents[2] / "frontend" / "openapi.json"
    assert json.loads(committed.read_text()) == openapi_document(), (
        "frontend/openapi.json is stale: run `make openapi` and regenerate the client"
    )


def test_every_response_carries_the_security_headers(client: TestClient) -> None:
    for answer in (client.get("/healthz"), client.get("/api/v1/me"), client.get("/api/v1/nope")):
        assert "script-src 'self'" in answer.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["x-content-type-options"] == "nosniff"
