"""The operator's shell: `coffer account create` makes an account whose admin can sign in."""

from __future__ import annotations

import re

from starlette.testclient import TestClient
from typer.testing import CliRunner

from coffer.cli import cli
from coffer.clock import FixedClock
from coffer.embedded.environment import coffer_environment
from coffer.embedded.stack import EmbeddedStack
from coffer.settings import Settings

from .conftest import unique_account_id
from .flows import Person, first_sign_in
from .storage import remove_buckets, service_client


def _environment(stack: EmbeddedStack) -> dict[str, str]:
    return coffer_environment(stack.settings_overrides())


def test_account_create_prints_a_one_time_password_that_signs_in(
    stack: EmbeddedStack, client: TestClient, settings: Settings, clock: FixedClock
) -> None:
    account_id = unique_account_id("cli")
    result = CliRunner().invoke(
        cli, ["account", "create", account_id, "--admin", f"carol@{account_id}.example"], env=_environment(stack)
    )

    assert result.exit_code == 0, result.output
    password = re.findall(r"^\s{4}(\S+)\s*$", result.output, re.MULTILINE)[-1]
    signed_in = first_sign_in(client, Person(f"carol@{account_id}.example", password), clock)
    assert signed_in["me"]["account_id"] == account_id
    assert signed_in["me"]["role"] == "account-admin"


def test_an_invalid_account_id_is_refused_with_the_rule(stack: EmbeddedStack) -> None:
    result = CliRunner().invoke(
        cli, ["account", "create", "Bad-Id", "--admin", "x@example.com"], env=_environment(stack)
    )
    assert result.exit_code == 2
    assert "error: ACCOUNT_ID: An account id has 3 to 20 lowercase letters and digits" in result.output


def test_every_refused_field_is_named_by_the_option_to_change(stack: EmbeddedStack) -> None:
    result = CliRunner().invoke(
        cli,
        ["account", "create", "Bad-Id", "--admin", "x@example.com", "--name", "semi;colon"],
        env=_environment(stack),
    )
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert [line.split(":", 2)[1].strip() for line in lines] == ["ACCOUNT_ID", "--name"]


def test_a_taken_account_id_is_refused(stack: EmbeddedStack) -> None:
    account_id = unique_account_id("twice")
    environment = _environment(stack)
    first = CliRunner().invoke(
        cli,
        ["account", "create", account_id, "--admin", "dave@example.com"],
        env=environment,
    )
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(
        cli,
        ["account", "create", account_id, "--admin", "erin@example.com"],
        env=environment,
    )
    assert second.exit_code != 0
    assert second.output.startswith("error: ACCOUNT_ID: ") and "taken" in second.output


def test_reconcile_names_what_blocks_a_namespace_and_calls_it_no_fault(
    stack: EmbeddedStack, settings: Settings
) -> None:
    word = unique_account_id("backup")
    service_client(settings, "s3").create_bucket(Bucket=f"{word}-2025")
    service_client(settings, "iam").create_user(UserName=f"{word}.robot")
    try:
        result = CliRunner().invoke(cli, ["reconcile"], env=_environment(stack))
    finally:
        service_client(settings, "iam").delete_user(UserName=f"{word}.robot")
        remove_buckets(settings, [f"{word}-2025"])

    assert f"namespace {word} is taken by what Coffer did not make" in result.output
    assert f"  {word}-2025\n" in result.output and f"  {word}.robot\n" in result.output
    assert f"storage user without a person: {word}.robot" not in result.output
