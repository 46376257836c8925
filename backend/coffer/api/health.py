"""Liveness, readiness and the JWKS: the routes that load balancers and verifiers call."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from coffer.api.context import service_of, wiring
from coffer.api.problems import TYPE_BASE, Problem, problem_response
from coffer.sessions.keys import KeyRing


async def healthz(request: Request) -> Response:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    svc = wiring(request)
    failing = []
    try:
        await svc.connection.ping()
    except Exception:
        failing.append("redis")
    try:
        await svc.provider.ping()
    except Exception:
        failing.append("storage")
    if failing:
        return problem_response(
            Problem(
                type=TYPE_BASE + "not-ready",
                title="Not ready",
                status=503,
                detail=f"Unreachable: {', '.join(failing)}.",
            )
        )
    return JSONResponse({"status": "ready"})


async def jwks(request: Request) -> Response:
    keys = await service_of(request, KeyRing).jwks()
    return JSONResponse(keys, headers={"Cache-Control": "public, max-age=60"})


def routes() -> list[Route]:
    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/.well-known/jwks.json", jwks, methods=["GET"]),
    ]
