"""The mail queue: `coffer:{mail}:<id>` records, a due-time sorted set for the senders and a newest-first index.

A sender claims a due mail by moving its due time a lease ahead, atomically and only while it is
still due, so several BFF instances can drain the same queue and one mail goes to one sender. A
sender that dies before recording the outcome loses nothing: when the lease ends the mail is due
again and another sender sends it (at least once; the Message-ID stays the same).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from coffer.store.client import PREFIX, RedisClient, read_many

MailStatus = Literal["queued", "sent", "failed"]

# One hash tag: a mail and the queues it is in change together (key_names.py moved the untagged names).
_DUE = f"{PREFIX}:{{mail}}:due"
_ALL = f"{PREFIX}:{{mail}}:all"
_KEPT = 1000
# Takes a due mail for `lease` seconds: only if its due time has come, so one claim wins.
_CLAIM = """
local due = redis.call('zscore', KEYS[1], ARGV[1])
if due and tonumber(due) <= tonumber(ARGV[2]) then
  redis.call('zadd', KEYS[1], ARGV[3], ARGV[1])
  return 1
end
return 0
"""


class MailRecord(BaseModel):
    id: str
    to: list[str]
    subject: str
    text: str  # what the outbox shows: secret parts replaced
    sealed: str | None = None  # the whole mail, sealed, while it may still be sent
    status: MailStatus = "queued"
    attempts: int = 0
    last_error: str | None = None
    created_at: float
    sent_at: float | None = None
    next_attempt_at: float


def _record_key(mail_id: str) -> str:
    return f"{PREFIX}:{{mail}}:{mail_id}"


class MailStore:
    def __init__(self, redis: RedisClient) -> None:
        self._redis = redis

    async def enqueue(self, mail: MailRecord) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_record_key(mail.id), mail.model_dump_json())
            pipe.zadd(_DUE, {mail.id: mail.next_attempt_at})
            pipe.zadd(_ALL, {mail.id: mail.created_at})
            await pipe.execute()
        await self._trim()

    async def _trim(self) -> None:
        """Keeps the newest mails' records; older ones that are done (sent or failed) are dropped.

        A mail still to be sent is kept however old: it is in the due set until its outcome is saved,
        and a mail that left the due set never comes back to it, so checking first cannot race.
        """
        old = [str(mail_id) for mail_id in await self._redis.zrange(_ALL, 0, -_KEPT - 1)]
        if not old:
            return
        due_times = await self._redis.zmscore(_DUE, old)
        done = [mail_id for mail_id, due in zip(old, due_times, strict=True) if due is None]
        if done:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.zrem(_ALL, *done)
                pipe.delete(*[_record_key(mail_id) for mail_id in done])
                await pipe.execute()

    async def claim_due(self, now: float, lease_seconds: float, limit: int = 10) -> list[MailRecord]:
        """Mails due now, each taken for `lease_seconds` (due again then, unless `save` says otherwise)."""
        due = await self._redis.zrangebyscore(_DUE, "-inf", now, start=0, num=limit)
        claimed = []
        for mail_id in due:
            if await self._redis.eval(_CLAIM, 1, _DUE, str(mail_id), repr(now), repr(now + lease_seconds)):
                raw = await self._redis.get(_record_key(str(mail_id)))
                if raw is not None:
                    claimed.append(MailRecord.model_validate_json(raw))
        return claimed

    async def save(self, mail: MailRecord, retry: bool) -> None:
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.set(_record_key(mail.id), mail.model_dump_json())
            if retry:
                pipe.zadd(_DUE, {mail.id: mail.next_attempt_at})
            else:
                pipe.zrem(_DUE, mail.id)
            await pipe.execute()

    async def newest(self, count: int) -> list[MailRecord]:
        ids = await self._redis.zrevrange(_ALL, 0, count - 1)
        if not ids:
            return []
        raws = await read_many(self._redis, [_record_key(str(mail_id)) for mail_id in ids])
        return [MailRecord.model_validate_json(raw) for raw in raws if raw is not None]
