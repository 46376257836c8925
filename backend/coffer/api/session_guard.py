"""The one place that turns a request's cookie into a verified session (or a 401 problem)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from coffer.api.context import service_of, wiring
from coffer.api.problems import ProblemError
from coffer.sessions.claims import SessionClaims
from coffer.sessions.cookies import SessionCookie
from coffer.sessions.registry import SessionRegistry
from coffer.sessions.service import SessionRevoked, Sessions
from coffer.sessions.tokens import ExpiredToken, InvalidToken
from coffer.store.users import UserRecord


def _unauthenticated(slug: str, detail: str) -> ProblemError:
    return ProblemError(401, slug, "Not signed in", detail, headers={"WWW-Authenticate": 'Cookie realm="coffer"'})


async def require_session(request: Request) -> SessionClaims:
    svc = wiring(request)
    token = svc.get(SessionCookie).read(request)
    if not token:
        raise _unauthenticated("unauthenticated", "Sign in to continue.")
    try:
        claims, user = await svc.get(Sessions).authenticate(token)
    except ExpiredToken as error:
        raise _unauthenticated("session-expired", "Your session has ended. Please sign in again.") from error
    except SessionRevoked as error:
        raise _unauthenticated("session-expired", "Your session was ended. Please sign in again.") from error
    except InvalidToken as error:
        raise _unauthenticated("unauthenticated", "Your session is not valid. Please sign in again.") from error
    request.state.session = claims
    request.state.user = user
    if svc.get(Sessions).renewal_due(claims):
        request.state.renewed = await svc.get(Sessions).renew(claims)
        request.state.session = request.state.renewed[1]
    return claims


def session_of(request: Request) -> SessionClaims:
    claims = getattr(request.state, "session", None)
    if not isinstance(claims, SessionClaims):
        raise _unauthenticated("unauthenticated", "Sign in to continue.")
    return claims


def user_of(request: Request) -> UserRecord:
    """The signed-in user, as read in the same round trip as the session check."""
    user = getattr(request.state, "user", None)
    if not isinstance(user, UserRecord):
        raise _unauthenticated("unauthenticated", "Sign in to continue.")
    return user


async def note_renewal(request: Request, ip: str) -> None:
    """A renewed session was just used: its entry in the person's session list says so."""
    renewed = getattr(request.state, "renewed", None)
    if renewed is not None and not getattr(request.state, "signed_out", False):
        await service_of(request, SessionRegistry).seen(renewed[1], ip)


def set_renewed_cookie(request: Request, response: Response) -> None:
    renewed = getattr(request.state, "renewed", None)
    if renewed is not None and not getattr(request.state, "signed_out", False):
        token, claims = renewed
        svc = wiring(request)
        svc.get(SessionCookie).write(response, token, claims.exp - int(svc.clock.now()))
