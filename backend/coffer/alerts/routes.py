"""HTTP of alerts: a person's in-app notifications (with the unread count for the badge), and an account's
alert settings (whether its admins get them, and by mail at once or in a daily digest)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from starlette.requests import Request

from coffer.accounts.service import Accounts
from coffer.alerts.service import Alerts, Delivery, Level
from coffer.alerts.service import AlertSettings as Settings
from coffer.api.context import service_of, wiring
from coffer.api.operations import Operation, client_ip
from coffer.api.session_guard import user_of
from coffer.api.times import utc
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.authorization import Action

_ACCOUNT = "/api/v1/accounts/{account_id}"


class NotificationQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")
    limit: int = Field(50, ge=1, le=200)


class NotificationItem(BaseModel):
    id: str
    level: Level
    account_id: str
    subject: str
    message: str
    at: datetime
    read: bool


class Notifications(BaseModel):
    items: list[NotificationItem]
    unread: int


class UnreadCount(BaseModel):
    unread: int


class AlertSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    notify_account_admins: bool = Field(
        description="The account's admins get its quota alerts by mail too (in the console they always do)."
    )
    delivery: Delivery = Field(description="Mail each crossing at once, or one digest a day.")


async def list_notifications(request: Request, query: NotificationQuery) -> Notifications:
    items, unread = await service_of(request, Alerts).notifications(user_of(request).id, query.limit)
    return Notifications(
        items=[
            NotificationItem(
                id=item.id,
                level=item.level,
                account_id=item.account_id,
                subject=item.subject,
                message=item.message,
                at=utc(item.at),
                read=item.read,
            )
            for item in items
        ],
        unread=unread,
    )


async def count_unread(request: Request, body: None) -> UnreadCount:
    return UnreadCount(unread=await service_of(request, Alerts).unread(user_of(request).id))


async def mark_read(request: Request, body: None) -> None:
    await service_of(request, Alerts).mark_read(user_of(request).id)


async def get_alert_settings(request: Request, body: None) -> AlertSettings:
    stored = await service_of(request, Alerts).settings(request.path_params["account_id"])
    return AlertSettings(notify_account_admins=stored.notify_account_admins, delivery=stored.delivery)


async def set_alert_settings(request: Request, body: AlertSettings) -> AlertSettings:
    """Who gets an account's alerts decides who hears of a full quota: each change is audited."""
    svc, account_id = wiring(request), request.path_params["account_id"]
    await svc.get(Accounts).get(account_id)
    before = await svc.get(Alerts).settings(account_id)
    saved = await svc.get(Alerts).save_settings(account_id, Settings(body.notify_account_admins, body.delivery))
    await svc.auditor.record(
        AuditEvent(
            action=events.ALERT_SETTINGS,
            actor=user_of(request).username,
            result="success",
            target=account_id,
            account_id=account_id,
            ip=client_ip(request),
            detail=_change(before, saved),
        )
    )
    return AlertSettings(notify_account_admins=saved.notify_account_admins, delivery=saved.delivery)


def _change(before: Settings, after: Settings) -> str:
    def flag(value: bool) -> str:
        return "true" if value else "false"

    return (
        f"notify_account_admins {flag(before.notify_account_admins)} -> {flag(after.notify_account_admins)}, "
        f"delivery {before.delivery} -> {after.delivery}"
    )


TAG = "alerts"
OPERATIONS = [
    Operation(
        "GET",
        "/api/v1/me/notifications",
        "listNotifications",
        "Your quota alerts, newest first",
        list_notifications,
        TAG,
        action=Action.OWN_PROFILE,
        query=NotificationQuery,
        response=Notifications,
        errors=(422,),
    ),
    Operation(
        "GET",
        "/api/v1/me/notifications/unread",
        "countUnreadNotifications",
        "How many of your notifications are unread (the badge)",
        count_unread,
        TAG,
        action=Action.OWN_PROFILE,
        response=UnreadCount,
    ),
    Operation(
        "POST",
        "/api/v1/me/notifications/read",
        "markNotificationsRead",
        "Mark all your notifications read",
        mark_read,
        TAG,
        action=Action.OWN_PROFILE,
        status=204,
    ),
    Operation(
        "GET",
        _ACCOUNT + "/alert-settings",
        "getAlertSettings",
        "Who gets the account's quota alerts, and how",
        get_alert_settings,
        TAG,
        response=AlertSettings,
        errors=(403,),
        action=Action.ACCOUNT_READ,
        account_param="account_id",
    ),
    Operation(
        "PUT",
        _ACCOUNT + "/alert-settings",
        "setAlertSettings",
        "Choose whether the account's admins get its quota alerts, and at once or daily",
        set_alert_settings,
        TAG,
        body=AlertSettings,
        response=AlertSettings,
        errors=(403, 404, 422),
        action=Action.BUCKET_QUOTAS_MANAGE,
        account_param="account_id",
    ),
]
