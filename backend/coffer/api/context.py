"""The services one app instance holds, built in its lifespan and reached from each request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict, cast

from starlette.requests import Request

from coffer.accounts.service import Accounts
from coffer.alerts.service import Alerts
from coffer.audit.service import Auditor
from coffer.auth.mfa_policy import MfaPolicy
from coffer.auth.password_reset import PasswordReset
from coffer.auth.passwords import Passwords
from coffer.auth.profile import Profile
from coffer.auth.service import SignIn
from coffer.auth.step_up import StepUp
from coffer.clock import Clock
from coffer.keys.service import AccessKeys
from coffer.mail.service import Mailer
from coffer.metering.collector import Collector
from coffer.metering.service import Metering
from coffer.providers.base import StorageProvider
from coffer.provisioning.deletion import Deletion
from coffer.provisioning.reconcile import Reconciliation
from coffer.provisioning.saga import Provisioning
from coffer.quotas.service import Quotas
from coffer.requests.service import AccountRequests
from coffer.rotation.service import KeyRotation
from coffer.sessions.cookies import SessionCookie
from coffer.sessions.keys import KeyRing
from coffer.sessions.registry import SessionRegistry
from coffer.sessions.service import Sessions
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.store.users import UserStore
from coffer.sts.service import StorageCredentials
from coffer.users.management import People
from coffer.users.service import Users


@dataclass(frozen=True)
class Services:
    settings: Settings
    clock: Clock
    connection: RedisConnection
    provider: StorageProvider
    keys: KeyRing
    sessions: Sessions
    cookie: SessionCookie
    sign_in: SignIn
    users: UserStore
    passwords: Passwords
    credentials: StorageCredentials
    auditor: Auditor
    accounts: Accounts
    user_admin: Users
    mailer: Mailer
    provisioning: Provisioning
    deletion: Deletion
    requests: AccountRequests
    people: People
    access_keys: AccessKeys
    password_reset: PasswordReset
    profile: Profile
    session_registry: SessionRegistry
    mfa_policy: MfaPolicy
    key_rotation: KeyRotation
    reconciliation: Reconciliation
    step_up: StepUp
    metering: Metering
    collector: Collector
    quotas: Quotas
    alerts: Alerts


class State(TypedDict):
    services: Services


def services(request: Request) -> Services:
    return cast(Services, request.state.services)
