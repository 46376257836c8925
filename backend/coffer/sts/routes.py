"""HTTP of temporary credentials for a person's own tools (AWS CLI, SDKs): minted on request, shown once."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field
from starlette.requests import Request

from coffer.api.context import wiring
from coffer.api.device_cookie import device_token
from coffer.api.operations import Operation, client_ip
from coffer.api.problems import ProblemError
from coffer.api.session_guard import session_of, user_of
from coffer.api.times import utc
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.authorization import Action, storage_access
from coffer.sts.service import StorageCredentials
from coffer.verification.schemas import StepUpRequest
from coffer.verification.step_up import StepUp


class CliCredentialsRequest(StepUpRequest):
    duration_seconds: int = Field(3600, ge=900, le=3600, description="Asked lifetime; capped by the session's end.")


class CliCredentials(BaseModel):
    """Only in this answer: Coffer keeps no copy."""

    access_key_id: str
    secret_access_key: str
    session_token: str
    expires_at: datetime
    endpoint_url: str
    region: str


async def mint_cli_credentials(request: Request, body: CliCredentialsRequest) -> CliCredentials:
    svc, claims, user = wiring(request), session_of(request), user_of(request)
    if claims.acct is None:
        raise ProblemError(409, "no-account", "No storage account", "Staff have no storage account of their own.")
    await svc.get(StepUp).confirm(
        user, body.code, body.current_password, "credentials.cli", client_ip(request), device_token(request)
    )
    session_end = claims.auth_time + svc.settings.session_max_hours * 3600
    credentials = await svc.get(StorageCredentials).for_cli(
        claims.acct, user.username, storage_access(claims.role, user.data_grant), body.duration_seconds, session_end
    )
    await svc.auditor.record(
        AuditEvent(
            action=events.CLI_CREDENTIALS,
            actor=user.username,
            result="success",
            target=user.username,
            account_id=claims.acct,
            ip=client_ip(request),
        )
    )
    return CliCredentials(
        access_key_id=credentials.access_key_id,
        secret_access_key=credentials.secret_access_key,
        session_token=credentials.session_token,
        expires_at=utc(credentials.expires_at),
        endpoint_url=svc.settings.tenant_s3_endpoint(),
        region=svc.settings.s3_region,
    )


OPERATIONS = [
    Operation(
        "POST",
        "/api/v1/me/cli-credentials",
        "mintCliCredentials",
        "Temporary credentials for your own tools, scoped like your console session (asks a fresh factor)",
        mint_cli_credentials,
        "access keys",
        body=CliCredentialsRequest,
        response=CliCredentials,
        status=201,
        errors=(401, 403, 409, 422, 429),
        action=Action.CLI_CREDENTIALS,
    ),
]
