"""Quota alerts: warning, critical and exceeded, each sent once per crossing and re-armed when usage
falls back below; mailed at once or in a daily digest, and always listed in the console.

Platform admins get every alert; an account's admins get its alerts when the account opted in.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Literal

from coffer.clock import Clock
from coffer.mail import templates
from coffer.mail.service import Mailer
from coffer.quotas.levels import LEVEL_ORDER, percent_text, quota_level
from coffer.store.alerts import AlertStore
from coffer.store.users import UserStore

Level = Literal["warning", "critical", "exceeded"]
Delivery = Literal["each-crossing", "daily-digest"]
LEVELS: tuple[Level, ...] = ("warning", "critical", "exceeded")


@dataclass(frozen=True)
class QuotaUse:
    """One quota and what is used of it, at the last sample."""

    quota_id: str  # "account:<id>:bytes", "account:<id>:objects", "bucket:<name>"
    account_id: str
    subject: str  # what people read: "account acme" or "bucket acme-photos"
    unit: Literal["bytes", "objects"]
    used: int
    limit: int
    warning_percent: int
    critical_percent: int

    def level(self) -> int:
        """0 below the warning threshold, then 1, 2, 3 for warning, critical, exceeded (the quota rule
        every figure of the console follows)."""
        return LEVEL_ORDER.index(quota_level(self.used, self.limit, self.warning_percent, self.critical_percent))


@dataclass(frozen=True)
class AlertSettings:
    notify_account_admins: bool = False
    delivery: Delivery = "each-crossing"


@dataclass(frozen=True)
class Notification:
    id: str
    level: Level
    account_id: str
    subject: str
    message: str
    at: float
    read: bool


def _amount(value: int, unit: str) -> str:
    if unit == "objects":
        return f"{value:,} object" if value == 1 else f"{value:,} objects"
    for name, factor in (("TiB", 1024**4), ("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if value >= factor:
            return f"{value / factor:.1f} {name}"
    return f"{value} bytes"


def describe(use: QuotaUse, level: Level) -> str:
    return (
        f"The {use.subject} has reached {percent_text(use.used, use.limit)} of its quota ({level}): "
        f"{_amount(use.used, use.unit)} of {_amount(use.limit, use.unit)}."
    )


class Alerts:
    def __init__(self, store: AlertStore, users: UserStore, mailer: Mailer, clock: Clock, console_url: str) -> None:
        self._store = store
        self._users = users
        self._mailer = mailer
        self._clock = clock
        self._console_url = console_url

    async def evaluate(self, uses: list[QuotaUse]) -> None:
        """Alerts each quota that reached a higher level than before; re-arms those that fell."""
        before = await self._store.levels()
        now_levels = {use.quota_id: use.level() for use in uses}
        changed = {quota: level for quota, level in now_levels.items() if level != before.get(quota, 0)}
        changed |= {quota: 0 for quota, level in before.items() if level and quota not in now_levels}
        for use in uses:
            if now_levels[use.quota_id] > before.get(use.quota_id, 0):
                await self._alert(use, LEVELS[now_levels[use.quota_id] - 1])
        await self._store.set_levels(changed)

    async def _recipients(self, account_id: str, with_account_admins: bool) -> list[tuple[str, str]]:
        ids = await self._users.platform_user_ids()
        if with_account_admins:
            ids |= await self._users.account_user_ids(account_id)
        people = await self._users.get_many(sorted(ids))
        wanted = ("platform-admin", "account-admin")
        return [(person.id, person.email) for person in people if person.role in wanted and not person.disabled]

    async def _mail_recipients(self, account_id: str, settings: AlertSettings) -> list[tuple[str, str]]:
        """Platform admins, and the account's admins only if the account asked for mail."""
        return await self._recipients(account_id, settings.notify_account_admins)

    async def _alert(self, use: QuotaUse, level: Level) -> None:
        settings = await self.settings(use.account_id)
        # In the console, the account's admins always see their account's alerts: writes refused over
        # quota are theirs to act on. Mail to them is what `notify_account_admins` opts into.
        in_console = await self._recipients(use.account_id, with_account_admins=True)
        message = describe(use, level)
        notification = {"id": uuid.uuid4().hex, "level": level, "account_id": use.account_id}
        notification |= {"subject": use.subject, "message": message}
        await self._store.notify([user_id for user_id, _ in in_console], notification, self._clock.now())
        recipients = await self._mail_recipients(use.account_id, settings)
        if settings.delivery == "daily-digest":
            await self._store.queue_digest(use.account_id, message)
        elif recipients:
            usage_url = f"{self._console_url}/accounts/{use.account_id}/usage"
            await self._mailer.send(
                [email for _, email in recipients], templates.quota_alert(level, use.subject, message, usage_url)
            )

    async def send_digests(self) -> int:
        """Mails each account's waiting alerts in one digest; returns how many digests were queued."""
        sent = 0
        day = datetime.fromtimestamp(self._clock.now(), tz=UTC).date().isoformat()
        for account_id, lines in (await self._store.take_digests()).items():
            recipients = await self._mail_recipients(account_id, await self.settings(account_id))
            if recipients:
                await self._mailer.send(
                    [email for _, email in recipients], templates.quota_digest(account_id, day, lines)
                )
                sent += 1
        return sent

    async def send_daily_digests(self) -> int:
        """Sends the digests once a day, whichever instance asks first after midnight (UTC)."""
        day = datetime.fromtimestamp(self._clock.now(), tz=UTC).date().isoformat()
        return await self.send_digests() if await self._store.claim_digest_day(day) else 0

    async def settings(self, account_id: str) -> AlertSettings:
        stored = await self._store.settings(account_id)
        return AlertSettings(**stored) if stored else AlertSettings()

    async def save_settings(self, account_id: str, settings: AlertSettings) -> AlertSettings:
        await self._store.save_settings(account_id, asdict(settings))
        return settings

    async def notifications(self, user_id: str, limit: int) -> tuple[list[Notification], int]:
        found, read_until = await self._store.notifications(user_id, limit)
        items = [
            Notification(
                id=entry["id"],
                level=entry["level"],
                account_id=entry["account_id"],
                subject=entry["subject"],
                message=entry["message"],
                at=at,
                read=at <= read_until,
            )
            for entry, at in found
        ]
        return items, await self._store.unread(user_id)

    async def unread(self, user_id: str) -> int:
        return await self._store.unread(user_id)

    async def mark_read(self, user_id: str) -> None:
        await self._store.mark_read(user_id, self._clock.now())
