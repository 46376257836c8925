"""What a request reaches of its app instance: the wiring built in the lifespan, and its services.

Each capability's routes reach their service through a typed accessor of their own, built on
`service`, so a route's dependencies are named in its capability's folder.
"""

from __future__ import annotations

from typing import TypedDict, TypeVar, cast

from starlette.requests import Request

from coffer.wiring import Wiring

T = TypeVar("T")


class State(TypedDict):
    wiring: Wiring


def wiring(request: Request) -> Wiring:
    return cast(Wiring, request.state.wiring)


def service_of(request: Request, kind: type[T]) -> T:
    """The instance's one service of this type."""
    return wiring(request).get(kind)
