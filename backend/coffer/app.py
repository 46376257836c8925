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

from coffer.accounts.wiring import CAPABILITY as ACCOUNTS
from coffer.alerts.wiring import CAPABILITY as ALERTS
from coffer.api import health
from coffer.api.context import State
from coffer.api.csrf import CSRFGuard
from coffer.api.errors import DOMAIN_ERRORS
from coffer.api.metrics import RequestMetrics, metrics_endpoint
from coffer.api.openapi import build_document
from coffer.api.problems import ProblemError, handle_http_exception, handle_problem, handle_unexpected
from coffer.api.request_log import RequestLog
from coffer.api.security_headers import SecurityHeaders, origin_of
from coffer.api.spa import SinglePageApp
from coffer.audit.wiring import CAPABILITY as AUDIT_LOG
from coffer.auth.wiring import CAPABILITY as SIGN_IN
from coffer.bucket_settings.wiring import CAPABILITY as BUCKET_SETTINGS
from coffer.buckets.purge import BucketPurges
from coffer.buckets.wiring import CAPABILITY as BUCKETS
from coffer.clock import Clock, SystemClock
from coffer.data_grants.wiring import CAPABILITY as DATA_GRANTS
from coffer.keys.wiring import CAPABILITY as ACCESS_KEYS
from coffer.mail.wiring import CAPABILITY as OUTBOX
from coffer.metering.collector import Collector
from coffer.metering.wiring import CAPABILITY as METERING
from coffer.objects.wiring import CAPABILITY as OBJECT_BROWSER
from coffer.profile.wiring import CAPABILITY as OWN_PROFILE
from coffer.providers.base import StorageProvider
from coffer.providers.seaweedfs import SeaweedFSProvider
from coffer.provisioning.deletion import Deletion
from coffer.provisioning.saga import Provisioning
from coffer.provisioning.wiring import CAPABILITY as PROVISIONING
from coffer.quotas.wiring import CAPABILITY as QUOTAS
from coffer.requests.wiring import CAPABILITY as ACCOUNT_REQUESTS
from coffer.rotation.wiring import CAPABILITY as KEY_ROTATION
from coffer.security_policy.wiring import CAPABILITY as SECURITY_POLICY
from coffer.sessions.keys import KeyRing
from coffer.sessions.wiring import CAPABILITY as SESSIONS
from coffer.settings import Settings
from coffer.share_links.wiring import CAPABILITY as SHARE_LINKS
from coffer.storage_features.wiring import CAPABILITY as STORAGE_FEATURES
from coffer.store.client import RedisConnection
from coffer.store.key_names import KeyNames
from coffer.sts.wiring import CAPABILITY as STORAGE_CREDENTIALS
from coffer.uploads.wiring import CAPABILITY as UPLOADS
from coffer.users.storage_identity import PolicyUpgrade
from coffer.users.wiring import CAPABILITY as PEOPLE
from coffer.verification.wiring import CAPABILITY as VERIFICATION
from coffer.wiring import Capability, Wiring, build_all

_log = logging.getLogger("coffer.app")
API_VERSION = "1.0.0"
# In the order of their operations in the API (each is built once what it uses exists).
CAPABILITIES: tuple[Capability, ...] = (
    SIGN_IN,
    OWN_PROFILE,
    SECURITY_POLICY,
    KEY_ROTATION,
    ACCOUNTS,
    BUCKETS,
    BUCKET_SETTINGS,
    PEOPLE,
    DATA_GRANTS,
    ACCESS_KEYS,
    STORAGE_CREDENTIALS,
    STORAGE_FEATURES,
    OBJECT_BROWSER,
    SHARE_LINKS,
    UPLOADS,
    ACCOUNT_REQUESTS,
    METERING,
    QUOTAS,
    ALERTS,
    AUDIT_LOG,
    OUTBOX,
    SESSIONS,
    VERIFICATION,
    PROVISIONING,
)
OPERATIONS = [operation for capability in CAPABILITIES for operation in capability.operations]


def openapi_document() -> dict[str, Any]:
    return build_document(OPERATIONS, API_VERSION)


def redis_connection(settings: Settings) -> RedisConnection:
    return RedisConnection(
        settings.redis_url,
        settings.redis_connect_timeout_seconds,
        settings.redis_timeout_seconds,
        cluster=settings.redis_cluster,
    )


def build_provider(settings: Settings) -> StorageProvider:
    return SeaweedFSProvider(
        endpoint=settings.s3_endpoint,
        region=settings.s3_region,
        access_key=settings.storage_access_key,
        secret_key=settings.storage_secret_key.get_secret_value(),
        console_role_arn=settings.console_role_arn,
        metrics_urls=settings.storage_metrics_urls,
        shell_master=settings.seaweedfs_master,
        shell_filer=settings.seaweedfs_filer,
        key_files=(
            (settings.storage_access_key_file, settings.storage_secret_key_file)
            if settings.storage_access_key_file is not None and settings.storage_secret_key_file is not None
            else None
        ),
    )


def build_wiring(settings: Settings, clock: Clock, connection: RedisConnection, provider: StorageProvider) -> Wiring:
    return build_all(Wiring(settings, clock, connection, provider), CAPABILITIES)


@contextlib.asynccontextmanager
async def connected_services(settings: Settings, clock: Clock | None = None) -> AsyncIterator[Wiring]:
    """The services outside a running app (commands, tests, benchmarks), connected for the block's duration."""
    connection = redis_connection(settings)
    provider = build_provider(settings)
    try:
        wiring = build_wiring(settings, clock or SystemClock(), connection, provider)
        await KeyNames(wiring.redis).bring_up_to_date()
        yield wiring
    finally:
        await provider.close()
        await connection.close()


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


async def _resume_provisioning(
    provisioning: Provisioning,
    deletion: Deletion,
    purges: BucketPurges,
    policies: PolicyUpgrade,
    every_seconds: float,
) -> None:
    """Runs on accounts (being made or deleted) and bucket purges that wait for the storage system or
    were left mid-run by a dead instance, and writes stored storage policies again after an upgrade
    changed them."""
    while True:
        await asyncio.sleep(every_seconds)
        for what, resume in (
            ("provisioning", provisioning.resume_stalled),
            ("deletion", deletion.resume_stalled),
            ("bucket purge", purges.resume_stalled),
        ):
            try:
                resumed = await resume()
            except Exception:
                _log.exception("%s: resuming stalled work failed; trying again later", what)
                continue
            if resumed:
                _log.info("%s: resumed %s", what, ", ".join(resumed))
        try:
            if written := await policies.bring_up_to_date():
                _log.info("storage policies: wrote %d people's policies again for this version", written)
        except Exception:
            _log.exception("storage policies: writing them again failed; trying again later")


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
        wiring = build_wiring(settings, clock, connection, provider)
        await KeyNames(wiring.redis).bring_up_to_date()
        await wiring.get(KeyRing).ensure_key()
        sender = asyncio.create_task(wiring.mailer.run_sender())
        collector = wiring.get(Collector)
        collecting = asyncio.create_task(collector.run()) if settings.metering_enabled else None
        purges = wiring.get(BucketPurges)
        resumer = asyncio.create_task(
            _resume_provisioning(
                wiring.get(Provisioning),
                wiring.get(Deletion),
                purges,
                wiring.get(PolicyUpgrade),
                settings.provisioning_resume_seconds,
            )
        )
        try:
            yield {"wiring": wiring}
        finally:
            sender.cancel()
            await _finish_within(sender, "mail sender")
            # Purges stop between two batches first (the resumer may be running one), then the resumer goes.
            await _finish_within(asyncio.ensure_future(purges.close()), "bucket purges")
            resumer.cancel()
            await _finish_within(resumer, "provisioning resumer")
            if collecting is not None:
                collecting.cancel()
                await _finish_within(collecting, "metering collector")
                await _finish_within(asyncio.ensure_future(collector.step_down()), "metering hand-over")
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
            Middleware(SecurityHeaders, connect_sources=(origin_of(settings.tenant_s3_endpoint()),)),
            Middleware(RequestMetrics, registry=registry),
            Middleware(CSRFGuard, allowed_origin=settings.public_origin),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
