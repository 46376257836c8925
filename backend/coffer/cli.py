"""The `coffer` command: run the embedded console, serve in production, administer from the shell."""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn

from coffer.app import build_provider, build_services, create_app, openapi_document
from coffer.clock import SystemClock
from coffer.embedded.stack import EmbeddedStack, runtime_overrides
from coffer.settings import Settings
from coffer.store.client import RedisConnection
from coffer.users.service import Users

cli = typer.Typer(help="Coffer, the console of a multi-tenant S3 store.", no_args_is_help=True)
account_cli = typer.Typer(help="Accounts (tenants).", no_args_is_help=True)
cli.add_typer(account_cli, name="account")

VarOption = Annotated[Path, typer.Option("--var", help="Data directory of the embedded mode.")]


def _settings(var: Path, **overrides: Any) -> Settings:
    """Environment first; without COFFER_REDIS_URL, the embedded stack running under `var`."""
    if "COFFER_REDIS_URL" not in os.environ:
        running = runtime_overrides(var)
        if running is not None:
            overrides = {**running, **overrides}
    return Settings(**overrides)


def _users(services: Any) -> Users:
    return Users(services.users, services.passwords, services.provider, services.auditor, services.clock)


async def _bootstrap(settings: Settings) -> str | None:
    connection = RedisConnection(settings.redis_url)
    provider = build_provider(settings)
    try:
        services = build_services(settings, SystemClock(), connection, provider)
        created = await _users(services).ensure_bootstrap_admin()
        return created.one_time_password if created else None
    finally:
        await provider.close()
        await connection.close()


def _announce_admin(password: str | None, url: str) -> None:
    if password is not None:
        typer.echo(
            f"\n  First start: sign in at {url} as 'admin' with the one-time password\n\n      {password}\n\n"
            "  You will choose a new password and enroll an authenticator app.\n"
        )


@cli.command()
def run(
    var: VarOption = Path("var"),
    port: Annotated[int, typer.Option(help="Port of the console.")] = 8080,
    frontend: Annotated[Path, typer.Option(help="Built frontend.")] = Path("frontend/dist"),
) -> None:
    """Start Redis, SeaweedFS, an SMTP sink and the console on 127.0.0.1 (embedded defaults)."""
    from coffer.api.request_log import configure_logging

    configure_logging()
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
    )


async def _create_account(settings: Settings, account_id: str, name: str, admin_email: str, admin_username: str) -> str:
    connection = RedisConnection(settings.redis_url)
    provider = build_provider(settings)
    try:
        services = build_services(settings, SystemClock(), connection, provider)
        await services.accounts.create(account_id, name or account_id, admin_email, actor="cli")
        created = await _users(services).create(
            admin_username, admin_username, admin_email, "account-admin", account_id, actor="cli"
        )
        return created.one_time_password
    finally:
        await provider.close()
        await connection.close()


@account_cli.command("create")
def account_create(
    account_id: Annotated[str, typer.Argument(help="Account id: 3–20 lowercase letters and digits.")],
    admin: Annotated[str, typer.Option("--admin", help="Email of the account's first administrator.")],
    name: Annotated[str, typer.Option(help="Display name of the account.")] = "",
    username: Annotated[str, typer.Option(help="Username of the admin (default: the email's local part).")] = "",
    var: VarOption = Path("var"),
) -> None:
    """Create an account and its first account admin; prints the admin's one-time password."""
    admin_username = username or admin.split("@", 1)[0]
    try:
        password = asyncio.run(_create_account(_settings(var), account_id, name, admin, admin_username))
    except ValueError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    except Exception as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(1) from error
    typer.echo(
        f"Account {account_id} created. Its admin signs in as {admin_username!r} "
        f"with the one-time password:\n\n    {password}\n"
    )


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
