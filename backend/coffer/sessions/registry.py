"""Which sessions a person has open, so they can see them and end one.

Sessions stay stateless for the request check; this list is a side record written at sign-in and
on renewal (at most once a minute per session), and pruned when read.
"""

from __future__ import annotations

from pydantic import BaseModel

from coffer.clock import Clock
from coffer.sessions.claims import SessionClaims
from coffer.sessions.service import Sessions
from coffer.store.sessions import SessionStore

_DEVICE_CHARS = 200


class SessionEntry(BaseModel):
    sid: str
    device: str
    ip: str
    started_at: float
    last_seen_at: float
    ends_by: float
    ver: int


class SessionRegistry:
    def __init__(self, store: SessionStore, sessions: Sessions, clock: Clock) -> None:
        self._store = store
        self._sessions = sessions
        self._clock = clock

    async def opened(self, claims: SessionClaims, device: str, ip: str) -> None:
        now = self._clock.now()
        entry = SessionEntry(
            sid=claims.sid,
            device=device[:_DEVICE_CHARS],
            ip=ip,
            started_at=now,
            last_seen_at=now,
            ends_by=self._sessions.absolute_end(claims),
            ver=claims.ver,
        )
        await self._store.remember(claims.sub, claims.sid, entry.model_dump_json())

    async def seen(self, claims: SessionClaims, ip: str) -> None:
        """On renewal: the session was used now (and may carry a new version)."""
        raw = await self._store.remembered_one(claims.sub, claims.sid)
        if raw is None:
            return
        entry = SessionEntry.model_validate_json(raw)
        entry.last_seen_at, entry.ip, entry.ver = self._clock.now(), ip, claims.ver
        await self._store.remember(claims.sub, claims.sid, entry.model_dump_json())

    async def open_sessions(self, user_id: str, version: int) -> list[SessionEntry]:
        """The person's live sessions, newest first; ended ones are dropped from the record."""
        now = self._clock.now()
        entries = [SessionEntry.model_validate_json(raw) for raw in (await self._store.remembered(user_id)).values()]
        denied = await self._store.denied_among(user_id, [entry.sid for entry in entries])
        live: list[SessionEntry] = []
        dead: list[str] = []
        for entry in entries:
            if entry.sid in denied or entry.ends_by <= now or entry.ver != version:
                dead.append(entry.sid)
            else:
                live.append(entry)
        await self._store.forget(user_id, *dead)
        return sorted(live, key=lambda entry: entry.started_at, reverse=True)

    async def end(self, user_id: str, sid: str) -> SessionEntry | None:
        """Ends one of the person's sessions and returns what it was; None when not theirs or already over."""
        raw = await self._store.remembered_one(user_id, sid)
        if raw is None:
            return None
        entry = SessionEntry.model_validate_json(raw)
        await self._store.deny(user_id, sid, entry.ends_by)
        await self._store.forget(user_id, sid)
        return entry

    async def forget(self, user_id: str, sid: str) -> None:
        await self._store.forget(user_id, sid)

    async def forget_all(self, user_id: str) -> None:
        await self._store.forget_all(user_id)
