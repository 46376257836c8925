"""The `coffer` command: run the embedded console, serve in production, administer from the shell."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn

from coffer.accounts.service import AccountTaken
from coffer.app import connected_services, create_app, openapi_document
from coffer.audit import events
from coffer.audit.events import AuditEvent
from coffer.embedded.stack import EmbeddedStack, runtime_overrides
from coffer.metering.collector import Collector
from coffer.provisioning.reconcile import Orphans, Reconciliation
from coffer.provisioning.saga import Provisioning
from coffer.rotation.service import KeyRotation, ResealReport
from coffer.sessions.keys import KeyRing
from coffer.settings import Settings
from coffer.store.users import UserStore
from coffer.users.management import Actor, People, Scope
from coffer.users.service import UserRegistry

cli = typer.Typer(help="Coffer, the console of a multi-tenant S3 store.", no_args_is_help=True)
account_cli = typer.Typer(help="Accounts (tenants).", no_args_is_help=True)
cli.add_typer(account_cli, name="account")
keys_cli = typer.Typer(help="The deployment's own keys: token signing keys and the master key.", no_args_is_help=True)
cli.add_typer(keys_cli, name="keys")
users_cli = typer.Typer(
    help="Break glass: recover a person (a platform admin locked out or without their authenticator) from the shell "
    "of the deployment. Each action is audited with the actor 'cli' and ends the person's sessions.",
    no_args_is_help=True,
)
cli.add_typer(users_cli, name="users")

VarOption = Annotated[Path, typer.Option("--var", help="Data directory of the embedded mode.")]


def _settings(var: Path, **overrides: Any) -> Settings:
    """Environment first; without COFFER_REDIS_URL, the embedded stack running under `var`."""
    if "COFFER_REDIS_URL" not in os.environ:
        running = runtime_overrides(var)
        if running is not None:
            overrides = {**running, **overrides}
    return Settings(**overrides)


async def _bootstrap(settings: Settings) -> str | None:
    async with connected_services(settings) as services:
        created = await services.get(UserRegistry).ensure_bootstrap_admin()
        return created.one_time_password if created else None


def _announce_admin(password: str | None, url: str) -> None:
    if password is not None:
        typer.echo(
            f"\n  First start: sign in at {url} as 'admin' with the one-time password\n\n      {password}\n\n"
            "  You will choose a new password and enroll an authenticator app.\n"
        )


def _require_free_port(port: int) -> None:
    """Checked before anything starts: a busy port found by uvicorn came after Redis, SeaweedFS and the
    first start's password, and took seconds to unwind."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: only a listener counts
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as error:
            raise typer.BadParameter(
                f"127.0.0.1:{port} is in use ({error.strerror}): stop what listens there, "
                f"or choose another port, for example --port {port + 1 if port < 65535 else 8080}",
                param_hint="--port",
            ) from error


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@cli.command()
def run(
    var: VarOption = Path("var"),
    port: Annotated[int, typer.Option(help="Port of the console.")] = 8080,
    frontend: Annotated[Path, typer.Option(help="Built frontend.")] = Path("frontend/dist"),
) -> None:
    """Start Redis, SeaweedFS, an SMTP sink and the console on 127.0.0.1 (embedded defaults)."""
    from coffer.api.request_log import configure_logging

    configure_logging()
    _require_free_port(port)
    # uvicorn re-raises the signal it stopped on; SIGTERM's default would end the process before the
    # `finally` below stops Redis and SeaweedFS, so it becomes the same as Ctrl-C.
    signal.signal(signal.SIGTERM, _interrupt)
    stack = EmbeddedStack(var)
    stack.start()
    try:
        if not (frontend / "index.html").exists():
            typer.echo(f"warning: no built frontend at {frontend}; serving the API only", err=True)
        dist = frontend.resolve() if (frontend / "index.html").exists() else None
        settings = Settings(
            **stack.settings_overrides(), frontend_dist=dist, public_origin=f"http://127.0.0.1:{port}", dev_mode=True
        )
        _announce_admin(asyncio.run(_bootstrap(settings)), f"http://127.0.0.1:{port}")
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.run(create_app(settings), host="127.0.0.1", port=port, log_config=None, access_log=False)
    finally:
        stack.stop()


@cli.command()
def cluster(
    var: Annotated[Path, typer.Option("--var", help="Data directory of the cluster.")] = Path("var/cluster"),
    instances: Annotated[int, typer.Option(help="Number of BFF instances behind nginx.")] = 2,
    port: Annotated[int, typer.Option(help="HTTPS port of nginx.")] = 8443,
    frontend: Annotated[Path, typer.Option(help="Built frontend.")] = Path("frontend/dist"),
    storage: Annotated[
        str, typer.Option(help="single: one `weed mini`; cluster: master, 3 volume servers, filer, 2 S3 gateways.")
    ] = "cluster",
) -> None:
    """The production topology on loopback: nginx (TLS) → N BFF processes → Redis, SeaweedFS, SMTP sink."""
    from coffer.embedded.cluster import LocalCluster
    from coffer.embedded.stack import StorageTopology

    if storage not in ("single", "cluster"):
        raise typer.BadParameter("single or cluster", param_hint="--storage")
    topology: StorageTopology = "cluster" if storage == "cluster" else "single"
    local = LocalCluster(
        var, frontend if (frontend / "index.html").exists() else None, instances, port, storage=topology
    )
    passwords: list[str | None] = []
    local.start(before_instances=lambda settings: passwords.append(asyncio.run(_bootstrap(settings))))
    try:
        typer.echo(f"Coffer runs at {local.url} (self-signed certificate: {local.tls_certificate}).")
        typer.echo(f"Instances: {', '.join(local.instance_url(i) for i in range(instances))}; logs in {var}/logs.")
        _announce_admin(passwords[0] if passwords else None, local.url)
        stops = {signal.SIGINT, signal.SIGTERM}
        signal.pthread_sigmask(signal.SIG_BLOCK, stops)
        signal.sigwait(stops)
    finally:
        local.stop()


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8080,
) -> None:
    """Serve the console with settings from COFFER_* variables (production)."""
    from coffer.api.request_log import configure_logging

    configure_logging()
    settings = Settings()
    _announce_admin(asyncio.run(_bootstrap(settings)), settings.public_origin)
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        proxy_headers=settings.trust_proxy_headers,
        # Longer than nginx keeps an idle upstream connection (30 s), so that nginx never sends a request
        # on a connection the instance is just closing (which would surface as a 502).
        timeout_keep_alive=75,
    )


async def _collect(settings: Settings) -> None:
    async with connected_services(settings) as services:
        try:
            await services.get(Collector).run()
        finally:
            await services.get(Collector).step_down()


@cli.command()
def collector(var: VarOption = Path("var")) -> None:
    """Run only the metering collector (then set COFFER_METERING_ENABLED=false on the BFF instances)."""
    from coffer.api.request_log import configure_logging

    configure_logging()
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_collect(_settings(var)))


async def _create_account(
    settings: Settings, account_id: str, name: str, admin_email: str, admin_name: str
) -> tuple[str, str | None, str]:
    async with connected_services(settings) as services:
        provisioned = await services.get(Provisioning).create(
            account_id=account_id,
            display_name=name or account_id,
            contact_email=admin_email,
            quota_bytes=None,
            admin_name=admin_name,
            admin_email=admin_email,
            actor="cli",
            ip="",
        )
        await services.mailer.deliver_due()
        failed = [f"{step.name}: {step.error}" for step in provisioned.account.steps if step.status == "failed"]
        return provisioned.account.status, provisioned.one_time_password, "; ".join(failed)


# The service's field names as `coffer account create` spells them, so an error names what to change.
_ACCOUNT_CREATE_NAMES = {
    "id": "ACCOUNT_ID",
    "display_name": "--name",
    "contact_email": "--admin",
    "admin_email": "--admin",
    "admin_name": "--admin-name",
}


def _refusal(error: Exception, names: dict[str, str]) -> str:
    """One line per refused field, each starting with the argument or option it refers to."""
    problems = getattr(error, "field_problems", ())
    if not problems:
        return f"error: {error}"
    return "\n".join(f"error: {names.get(problem.field, problem.field)}: {problem.message}" for problem in problems)


@account_cli.command("create")
def account_create(
    account_id: Annotated[str, typer.Argument(help="Account id: 3–20 lowercase letters and digits.")],
    admin: Annotated[str, typer.Option("--admin", help="Email of the first account admin (also their username).")],
    name: Annotated[str, typer.Option(help="Display name of the account (default: the id).")] = "",
    admin_name: Annotated[str, typer.Option(help="The admin's name (default: the email's local part).")] = "",
    var: VarOption = Path("var"),
) -> None:
    """Create and provision an account with its first admin; prints the admin's one-time password."""
    try:
        status, password, failure = asyncio.run(
            _create_account(_settings(var), account_id, name, admin, admin_name or admin.split("@", 1)[0])
        )
    except (ValueError, AccountTaken) as error:
        typer.echo(_refusal(error, _ACCOUNT_CREATE_NAMES), err=True)
        raise typer.Exit(2) from error
    if status != "active":
        typer.echo(
            f"error: account {account_id} is {status} ({failure}); retry it from its page in the console.", err=True
        )
        raise typer.Exit(1)
    typer.echo(
        f"Account {account_id} created. Its admin signs in as {admin.lower()!r} with the one-time "
        f"password (also mailed):\n\n    {password}\n"
    )


async def _rotate_signing_key(settings: Settings) -> str:
    async with connected_services(settings) as services:
        await services.get(KeyRing).ensure_key()
        return await services.get(KeyRotation).rotate_signing_key("cli", "")


@keys_cli.command("rotate")
def keys_rotate(var: VarOption = Path("var")) -> None:
    """A new key signs tokens from now on, on every instance; the old one verifies until its tokens expired."""
    kid = asyncio.run(_rotate_signing_key(_settings(var)))
    typer.echo(f"Signing key {kid} signs from now on; the replaced key is retired once its tokens have expired.")


async def _reseal(settings: Settings) -> ResealReport:
    async with connected_services(settings) as services:
        return await services.get(KeyRotation).reseal("cli", "")


@keys_cli.command("reseal")
def keys_reseal(var: VarOption = Path("var")) -> None:
    """Seal every stored secret again with COFFER_MASTER_KEY (after a master key rotation; see README)."""
    report = asyncio.run(_reseal(_settings(var)))
    typer.echo(
        f"Resealed {report.totp_secrets} TOTP secrets and {report.signing_keys} signing keys with the current master "
        "key. Once every instance runs without the old key in COFFER_MASTER_KEYS_EXTRA, it is retired."
    )


_CLI = Actor(user_id="cli", username="cli", ip="")
UsernameArgument = Annotated[str, typer.Argument(help="The person's username (for account admins, their email).")]


class _NoSuchPerson(Exception):
    pass


async def _recover(settings: Settings, username: str, action: str) -> str | None:
    """Whoever holds the deployment's settings may do what a platform admin would, when none can sign in."""
    async with connected_services(settings) as services:
        user = await UserStore(services.redis).get_by_username(username)
        if user is None:
            raise _NoSuchPerson(username)
        scope, password = Scope(user.account_id), None
        if action == "reset-password":
            password = await services.get(UserRegistry).reset_one_time_password(user.id)
            await services.auditor.record(
                AuditEvent(
                    action=events.USER_RESET_PASSWORD,
                    actor=_CLI.username,
                    result="success",
                    target=user.username,
                    account_id=user.account_id or "",
                    detail="break glass: printed on the operator's shell",
                )
            )
        elif action == "reset-mfa":
            await services.get(People).reset_mfa(scope, user.id, _CLI)
        await services.get(People).unlock(scope, user.id, _CLI)
        await UserStore(services.redis).bump_version(user.id)
        await services.auditor.record(
            AuditEvent(
                action=events.USER_END_SESSIONS,
                actor=_CLI.username,
                result="success",
                target=user.username,
                account_id=user.account_id or "",
                detail=f"break glass: {action}",
            )
        )
        await services.mailer.deliver_due()
        return password


def _run_recovery(var: Path, username: str, action: str) -> str | None:
    try:
        return asyncio.run(_recover(_settings(var), username, action))
    except _NoSuchPerson as error:
        typer.echo(f"error: nobody is named {username!r}", err=True)
        raise typer.Exit(2) from error


@users_cli.command("unlock")
def users_unlock(username: UsernameArgument, var: VarOption = Path("var")) -> None:
    """Lift every sign-in lock of the person (strangers' and their devices'); their sessions end."""
    _run_recovery(var, username, "unlock")
    typer.echo(f"{username}: every sign-in lock is lifted and every session ended.")


@users_cli.command("reset-password")
def users_reset_password(username: UsernameArgument, var: VarOption = Path("var")) -> None:
    """Give the person a new one-time password (printed here, changed at sign-in); locks lifted, sessions end."""
    password = _run_recovery(var, username, "reset-password")
    typer.echo(
        f"{username}: sessions ended and locks lifted. Sign in with this one-time password (it must be changed "
        f"at once); the authenticator stays as it was:\n\n    {password}\n"
    )


@users_cli.command("reset-mfa")
def users_reset_mfa(username: UsernameArgument, var: VarOption = Path("var")) -> None:
    """Forget the person's authenticator and recovery codes (a lost device); they enroll again at sign-in."""
    _run_recovery(var, username, "reset-mfa")
    typer.echo(f"{username}: authenticator forgotten, locks lifted, sessions ended; a new one is enrolled at sign-in.")


async def _orphans(settings: Settings) -> Orphans:
    async with connected_services(settings) as services:
        return await services.get(Reconciliation).orphans()


@cli.command()
def reconcile(var: VarOption = Path("var")) -> None:
    """List IAM users and buckets that no account or person owns (exit 1 when there are any).

    Buckets and users outside every account's namespace (the operator's own) are listed too, under
    the namespace they block, but are no fault."""
    orphans = asyncio.run(_orphans(_settings(var)))
    for user in orphans.storage_users:
        typer.echo(f"storage user without a person: {user}")
    for bucket in orphans.buckets:
        typer.echo(f"bucket of a deleted account: {bucket}")
    for bucket in orphans.foreign_buckets:
        typer.echo(f"bucket outside every account (not Coffer's; left alone): {bucket}")
    for namespace, names in orphans.blocked.items():
        typer.echo(f"namespace {namespace} is taken by what Coffer did not make (no account {namespace} can be made):")
        for name in names:
            typer.echo(f"  {name}")
    if orphans:
        raise typer.Exit(1)
    typer.echo("Every storage user and bucket belongs to an account and a person in Coffer.")


@cli.command()
def openapi(output: Annotated[Path | None, typer.Option(help="Write here instead of stdout.")] = None) -> None:
    """Print the OpenAPI document (the frontend's client is generated from it)."""
    import json

    text = json.dumps(openapi_document(), indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def main() -> None:
    cli()
