"""The signed-in person's own temporary storage credentials, for any route that calls the storage system.

Routes call the storage system as the person, never as the service identity, so the storage system
checks the account boundary a second time. Only people of an account have a storage identity.
"""

from __future__ import annotations

from starlette.requests import Request

from coffer.api.context import wiring
from coffer.api.problems import ProblemError
from coffer.api.session_guard import session_of, user_of
from coffer.authorization import NoDataAccess, storage_access
from coffer.data_access import Need
from coffer.providers.base import TemporaryCredentials
from coffer.sessions.service import Sessions
from coffer.sts.service import StorageCredentials


async def session_credentials(request: Request) -> TemporaryCredentials:
    """The session's STS credentials, obtained again when missing or close to expiry."""
    svc, claims, user = wiring(request), session_of(request), user_of(request)
    if user.account_id is None:
        raise ProblemError(403, "forbidden", "Not allowed", "You belong to no account.")
    return await svc.get(StorageCredentials).of_session(
        claims.sid,
        user.account_id,
        user.username,
        storage_access(claims.role, user.data_grant),
        svc.get(Sessions).absolute_end(claims),
    )


async def data_credentials(request: Request, bucket: str, need: Need) -> TemporaryCredentials:
    """The session's STS credentials for work on one bucket's objects, once the person's data grant allows
    `need` there (NoDataAccess otherwise): the storage system would refuse too, with less to say."""
    claims, user = session_of(request), user_of(request)
    if not storage_access(claims.role, user.data_grant).may(bucket, need):
        raise NoDataAccess(f"{need}:{bucket}")
    return await session_credentials(request)
