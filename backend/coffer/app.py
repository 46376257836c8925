"""The application factory: everything an instance needs is built from the settings passed in."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

from prometheus_client import CollectorRegistry
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Match, Mount, Route

from coffer.accounts.routes import OPERATIONS as ACCOUNT_OPERATIONS
from coffer.accounts.service import Accounts
from coffer.alerts.routes import OPERATIONS as ALERT_OPERATIONS
from coffer.alerts.service import Alerts
from coffer.api import health
from coffer.api.context import Services, State
from coffer.api.csrf import CSRFGuard
from coffer.api.errors import DOMAIN_ERRORS
from coffer.api.metrics import RequestMetrics, metrics_endpoint
from coffer.api.openapi import build_document
from coffer.api.problems import ProblemError, handle_http_exception, handle_problem, handle_unexpected
from coffer.api.request_log import RequestLog
from coffer.api.security_headers import SecurityHeaders
from coffer.api.spa import SinglePageApp
from coffer.audit.routes import OPERATIONS as AUDIT_OPERATIONS
from coffer.audit.service import Auditor
from coffer.auth.devices import KnownDevices
from coffer.auth.enrollment import TotpEnrollment
from coffer.auth.mfa_policy import MfaPolicy
from coffer.auth.password_reset import LINK_SECONDS as RESET_LINK_SECONDS
from coffer.auth.password_reset import PasswordReset
from coffer.auth.passwords import Passwords
from coffer.auth.policy_routes import OPERATIONS as POLICY_OPERATIONS
from coffer.auth.profile import Profile
from coffer.auth.profile_routes import OPERATIONS as PROFILE_OPERATIONS
from coffer.auth.regulation import Regulator
from coffer.auth.reset_routes import OPERATIONS as RESET_OPERATIONS
from coffer.auth.routes import OPERATIONS as AUTH_OPERATIONS
from coffer.auth.service import SignIn
from coffer.auth.session_routes import OPERATIONS as SESSION_OPERATIONS
from coffer.auth.step_up import StepUp
from coffer.clock import Clock, SystemClock
from coffer.keys.routes import OPERATIONS as KEY_OPERATIONS
from coffer.keys.service import AccessKeys
from coffer.keys.switch import KeySwitch
from coffer.mail.routes import OPERATIONS as OUTBOX_OPERATIONS
from coffer.mail.service import Mailer
from coffer.mail.smtp import SmtpServer
from coffer.metering.collector import Collector
from coffer.metering.routes import OPERATIONS as METERING_OPERATIONS
from coffer.metering.service import Metering
from coffer.providers.base import StorageProvider
from coffer.providers.seaweedfs import SeaweedFSProvider
from coffer.provisioning.deletion import Deletion
from coffer.provisioning.reconcile import Reconciliation
from coffer.provisioning.saga import Provisioning
from coffer.quotas.routes import OPERATIONS as QUOTA_OPERATIONS
from coffer.quotas.service import Quotas
from coffer.requests.routes import OPERATIONS as REQUEST_OPERATIONS
from coffer.requests.service import LINK_SECONDS as REQUEST_LINK_SECONDS
from coffer.requests.service import AccountRequests
from coffer.rotation.routes import OPERATIONS as ROTATION_OPERATIONS
from coffer.rotation.service import KeyRotation
from coffer.sealing import Sealer
from coffer.sessions.cookies import SessionCookie
from coffer.sessions.keys import KeyRing
from coffer.sessions.registry import SessionRegistry
from coffer.sessions.service import Sessions
from coffer.sessions.tokens import TokenSigner
from coffer.settings import Settings
from coffer.store.accounts import AccountStore
from coffer.store.alerts import AlertStore
from coffer.store.audit import AuditStore
from coffer.store.client import RedisConnection
from coffer.store.credentials import CredentialStore
from coffer.store.key_holds import KeyHoldStore
from coffer.store.locks import LockStore
from coffer.store.mail import MailStore
from coffer.store.metering import MeteringStore
from coffer.store.mfa import MfaStore
from coffer.store.mfa_policy import MfaPolicyStore
from coffer.store.quotas import QuotaStore
from coffer.store.regulation import RegulationStore, SignInFailureStore
from coffer.store.requests import RequestStore
from coffer.store.sessions import SessionStore
from coffer.store.signing_keys import SigningKeyStore
from coffer.store.users import UserStore
from coffer.sts.routes import OPERATIONS as CLI_OPERATIONS
from coffer.sts.service import StorageCredentials
from coffer.users.management import People
from coffer.users.routes import OPERATIONS as USER_OPERATIONS
from coffer.users.service import Users

_log = logging.getLogger("coffer.app")
API_VERSION = "1.0.0"
OPERATIONS = [
    *AUTH_OPERATIONS,
    *RESET_OPERATIONS,
    *PROFILE_OPERATIONS,
    *SESSION_OPERATIONS,
    *POLICY_OPERATIONS,
    *ROTATION_OPERATIONS,
    *ACCOUNT_OPERATIONS,
    *USER_OPERATIONS,
    *KEY_OPERATIONS,
    *CLI_OPERATIONS,
    *REQUEST_OPERATIONS,
    *METERING_OPERATIONS,
    *QUOTA_OPERATIONS,
    *ALERT_OPERATIONS,
    *AUDIT_OPERATIONS,
    *OUTBOX_OPERATIONS,
]


def openapi_document() -> dict[str, Any]:
    return build_document(OPERATIONS, API_VERSION)


def redis_connection(settings: Settings) -> RedisConnection:
    return RedisConnection(settings.redis_url, settings.redis_connect_timeout_seconds, settings.redis_timeout_seconds)


def smtp_server(settings: Settings) -> SmtpServer | None:
    """Where mail goes; none (no port): mail stays queued."""
    if settings.smtp_port is None:
        return None
    return SmtpServer(
        settings.smtp_host,
        settings.smtp_port,
        settings.smtp_security,
        settings.smtp_username,
        settings.smtp_password.get_secret_value(),
        settings.smtp_ca_file,
    )


def build_provider(settings: Settings) -> StorageProvider:
    return SeaweedFSProvider(
        endpoint=settings.s3_endpoint,
        region=settings.s3_region,
        access_key=settings.storage_access_key,
        secret_key=settings.storage_secret_key.get_secret_value(),
        console_role_arn=settings.console_role_arn,
        metrics_url=settings.storage_metrics_url,
        shell_master=settings.seaweedfs_master,
        shell_filer=settings.seaweedfs_filer,
        key_files=(
            (settings.storage_access_key_file, settings.storage_secret_key_file)
            if settings.storage_access_key_file is not None and settings.storage_secret_key_file is not None
            else None
        ),
    )


@contextlib.asynccontextmanager
async def connected_services(settings: Settings, clock: Clock | None = None) -> AsyncIterator[Services]:
    """Services outside a running app (commands, tests, benchmarks), connected for the block's duration."""
    connection = redis_connection(settings)
    provider = build_provider(settings)
    try:
        yield build_services(settings, clock or SystemClock(), connection, provider)
    finally:
        await provider.close()
        await connection.close()


def longest_token_seconds(settings: Settings) -> float:
    """How long a replaced signing key must still verify: the life of the longest token it may have signed."""
    return max(settings.session_minutes * 60, settings.challenge_minutes * 60, RESET_LINK_SECONDS, REQUEST_LINK_SECONDS)


def build_services(
    settings: Settings, clock: Clock, connection: RedisConnection, provider: StorageProvider
) -> Services:
    redis = connection.redis
    sealer = Sealer(settings.master_key_bytes(), settings.extra_master_keys())
    keys = KeyRing(SigningKeyStore(redis), sealer, clock, longest_token_seconds(settings))
    signer = TokenSigner(keys, settings.issuer, clock)
    session_store = SessionStore(redis)
    sessions = Sessions(
        signer,
        session_store,
        clock,
        settings.session_minutes * 60,
        settings.session_max_hours * 3600,
        settings.session_renew_after_seconds,
    )
    users = UserStore(redis)
    locks = LockStore(redis)
    passwords = Passwords(settings.argon2_time_cost, settings.argon2_memory_kib, settings.password_min_length)
    auditor = Auditor(AuditStore(redis, settings.audit_max_events, settings.audit_retention_days * 86_400), clock)
    credentials = StorageCredentials(
        provider,
        CredentialStore(redis),
        sealer,
        clock,
        settings.sts_duration_seconds,
        settings.sts_refresh_before_seconds,
    )
    limits = RegulationStore(redis)
    mfa = MfaStore(redis)
    regulator = Regulator(
        limits,
        SignInFailureStore(redis),
        KnownDevices(sealer, clock, settings.device_cookie_days * 86_400),
        clock,
        settings.lockout_failures,
        settings.lockout_minutes * 60,
        settings.ip_attempts_per_minute,
        settings.lockout_failure_delay_max_seconds,
    )
    account_store = AccountStore(redis)
    metering_store = MeteringStore(redis)
    key_switch = KeySwitch(provider, KeyHoldStore(redis), locks)
    enrollment = TotpEnrollment(users, mfa, sealer, clock, issuer_name="Coffer")
    mfa_policy = MfaPolicy(MfaPolicyStore(redis), users, auditor, settings.mfa_required_default)
    sign_in = SignIn(
        accounts=account_store,
        users=users,
        mfa=mfa,
        session_store=session_store,
        passwords=passwords,
        regulator=regulator,
        signer=signer,
        sessions=sessions,
        credentials=credentials,
        sealer=sealer,
        enrollment=enrollment,
        mfa_policy=mfa_policy,
        auditor=auditor,
        clock=clock,
        challenge_seconds=settings.challenge_minutes * 60,
    )
    accounts = Accounts(account_store, users, metering_store, provider, key_switch, auditor, clock)
    mailer = Mailer(MailStore(redis), sealer, clock, smtp_server(settings), settings.mail_from)
    alerts = Alerts(AlertStore(redis), users, mailer, clock, settings.public_origin)
    quotas = Quotas(
        QuotaStore(redis),
        account_store,
        metering_store,
        locks,
        provider,
        auditor,
        settings.quota_min_bytes,
        after_enforce=alerts.evaluate,
    )
    user_admin = Users(users, passwords, provider, auditor, clock)
    provisioning = Provisioning(
        accounts,
        account_store,
        user_admin,
        mailer,
        provider,
        auditor,
        clock,
        settings.public_origin,
        locks,
        settings.provisioning_lease_seconds,
        settings.quota_min_bytes,
    )
    requests = AccountRequests(
        RequestStore(redis),
        limits,
        signer,
        session_store,
        accounts,
        provisioning,
        user_admin,
        mailer,
        auditor,
        clock,
        settings.public_origin,
    )
    return Services(
        settings=settings,
        clock=clock,
        connection=connection,
        provider=provider,
        keys=keys,
        sessions=sessions,
        cookie=SessionCookie(settings.cookie_secure),
        sign_in=sign_in,
        users=users,
        passwords=passwords,
        credentials=credentials,
        auditor=auditor,
        accounts=accounts,
        user_admin=user_admin,
        mailer=mailer,
        provisioning=provisioning,
        deletion=Deletion(
            accounts, account_store, provider, auditor, clock, locks, settings.provisioning_lease_seconds
        ),
        requests=requests,
        session_registry=SessionRegistry(session_store, sessions, clock),
        profile=Profile(users, passwords, regulator, sessions, mfa, sealer, enrollment, auditor, clock),
        mfa_policy=mfa_policy,
        key_rotation=KeyRotation(keys, users, sealer, auditor),
        reconciliation=Reconciliation(provider, account_store, users),
        step_up=StepUp(passwords, regulator, mfa, sealer, auditor, clock),
        metering=Metering(metering_store, clock),
        collector=Collector(
            provider,
            metering_store,
            locks,
            clock,
            requests_seconds=settings.metering_requests_seconds,
            capacity_seconds=settings.metering_capacity_seconds,
            leader_ttl_seconds=settings.metering_leader_ttl_seconds,
            retention_seconds={
                resolution: hours * 3600 for resolution, hours in settings.metering_retention_hours.items()
            },
            recount_seconds=settings.metering_recount_hours * 3600,
            after_capacity=quotas.enforce,
            daily=alerts.send_daily_digests,
        ),
        quotas=quotas,
        alerts=alerts,
        password_reset=PasswordReset(
            users,
            passwords,
            signer,
            session_store,
            limits,
            regulator,
            mfa,
            sealer,
            mailer,
            auditor,
            clock,
            settings.public_origin,
        ),
        access_keys=AccessKeys(provider, locks, users, account_store, key_switch, auditor),
        people=People(
            users, user_admin, regulator, provider, key_switch, mailer, auditor, settings.public_origin, account_store
        ),
    )


async def _api_not_found(request: Request) -> Response:
    """The catch-all of /api: 405 when the path exists with other methods, else 404, both as problems."""
    for route in request.app.router.routes:
        if isinstance(route, Route) and route.path != "/api/{rest:path}":
            match, _ = route.matches(request.scope)
            if match == Match.PARTIAL:
                raise ProblemError(
                    405,
                    "method-not-allowed",
                    "Method not allowed",
                    f"{request.url.path} does not accept {request.method}.",
                )
    raise ProblemError(404, "not-found", "Not found", f"There is no API operation at {request.url.path}.")


async def _resume_provisioning(provisioning: Provisioning, deletion: Deletion, every_seconds: float) -> None:
    """Runs on accounts (being made or deleted) that wait for the storage system or were left mid-run
    by a dead instance."""
    while True:
        await asyncio.sleep(every_seconds)
        for what, resume in (("provisioning", provisioning.resume_stalled), ("deletion", deletion.resume_stalled)):
            try:
                resumed = await resume()
            except Exception:
                _log.exception("%s: resuming stalled accounts failed; trying again later", what)
                continue
            if resumed:
                _log.info("%s: resumed %s", what, ", ".join(resumed))


async def _finish_within(task: asyncio.Future[Any], what: str, seconds: float = 5.0) -> None:
    """Waits for a shutdown step without letting one stuck step keep the process from stopping."""
    done, _ = await asyncio.wait({task}, timeout=seconds)
    if not done:
        _log.warning("shutdown: %s did not finish within %.0f s; going on", what, seconds)
        task.cancel()
    elif not task.cancelled() and task.exception() is not None:
        _log.warning("shutdown: %s failed: %r", what, task.exception())


def create_app(
    settings: Settings,
    clock: Clock | None = None,
    provider_factory: Callable[[Settings], StorageProvider] | None = None,
) -> Starlette:
    """The app; tests may pass a clock and a provider factory (e.g. one that injects storage faults)."""
    settings.check_ready_to_serve()
    clock = clock or SystemClock()
    document = openapi_document()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[State]:
        connection = redis_connection(settings)
        provider = (provider_factory or build_provider)(settings)
        services = build_services(settings, clock, connection, provider)
        await services.keys.ensure_key()
        sender = asyncio.create_task(services.mailer.run_sender())
        collector = asyncio.create_task(services.collector.run()) if settings.metering_enabled else None
        resumer = asyncio.create_task(
            _resume_provisioning(services.provisioning, services.deletion, settings.provisioning_resume_seconds)
        )
        try:
            yield {"services": services}
        finally:
            sender.cancel()
            await _finish_within(sender, "mail sender")
            resumer.cancel()
            await _finish_within(resumer, "provisioning resumer")
            if collector is not None:
                collector.cancel()
                await _finish_within(collector, "metering collector")
                await _finish_within(asyncio.ensure_future(services.collector.step_down()), "metering hand-over")
            await _finish_within(asyncio.ensure_future(provider.close()), "storage provider close")
            await _finish_within(asyncio.ensure_future(connection.close()), "Redis close")

    async def openapi(request: Request) -> Response:
        return JSONResponse(document)

    registry = CollectorRegistry()
    routes: list[BaseRoute] = [operation.route() for operation in OPERATIONS]
    routes += [
        Route("/api/v1/openapi.json", openapi, methods=["GET"]),
        Route("/api/{rest:path}", _api_not_found, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        *health.routes(),
        Route("/metrics", metrics_endpoint(registry), methods=["GET"]),
    ]
    if settings.frontend_dist is not None:
        routes.append(Mount("/", app=SinglePageApp(settings.frontend_dist), name="frontend"))
    handlers: dict[Any, Any] = {
        ProblemError: handle_problem,
        HTTPException: handle_http_exception,
        Exception: handle_unexpected,
        **DOMAIN_ERRORS,
    }
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(RequestLog),
            Middleware(SecurityHeaders),
            Middleware(RequestMetrics, registry=registry),
            Middleware(CSRFGuard, allowed_origin=settings.public_origin),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
