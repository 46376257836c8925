"""An operation that leaves open who may call it stops the app from starting (fail closed).

Without these checks a session route that forgot its action, or whose account parameter names
no part of its path, would answer every signed-in person of every account.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel

import coffer.app
from coffer.api.operations import Operation, UndeclaredAccess
from coffer.app import create_app
from coffer.authorization import Action
from coffer.settings import Settings


async def _answer(request: Any, body: Any) -> BaseModel | None:
    return None


def _starting_with(monkeypatch: pytest.MonkeyPatch, settings: Settings, operation: Operation) -> None:
    monkeypatch.setattr(coffer.app, "OPERATIONS", [*coffer.app.OPERATIONS, operation])
    create_app(settings)


def test_a_session_route_without_an_action_stops_start_up(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    forgotten = Operation("GET", "/api/v1/forgotten", "getForgotten", "No action declared", _answer, "test")
    with pytest.raises(UndeclaredAccess, match=r"GET /api/v1/forgotten .*declares no action"):
        _starting_with(monkeypatch, settings, forgotten)


def test_an_account_parameter_missing_from_the_path_stops_start_up(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    misspelt = Operation(
        "GET",
        "/api/v1/accounts/{account_id}/thing",
        "getThing",
        "Account parameter misspelt",
        _answer,
        "test",
        action=Action.ACCOUNT_READ,
        account_param="acount_id",
    )
    with pytest.raises(UndeclaredAccess, match=r"GET /api/v1/accounts/\{account_id\}/thing .*acount_id"):
        _starting_with(monkeypatch, settings, misspelt)


def test_an_account_path_without_an_account_scope_stops_start_up(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    unscoped = Operation(
        "GET",
        "/api/v1/accounts/{account_id}/thing",
        "getThing",
        "Account in the path, no scope check",
        _answer,
        "test",
        action=Action.ACCOUNT_READ,
    )
    with pytest.raises(UndeclaredAccess, match=r"GET /api/v1/accounts/\{account_id\}/thing .*account_param"):
        _starting_with(monkeypatch, settings, unscoped)


def test_a_public_route_that_also_names_an_action_stops_start_up(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    confused = Operation(
        "POST",
        "/api/v1/confused",
        "postConfused",
        "Public and guarded",
        _answer,
        "test",
        public=True,
        action=Action.ACCOUNTS_MANAGE,
    )
    with pytest.raises(UndeclaredAccess, match=r"POST /api/v1/confused .*public"):
        _starting_with(monkeypatch, settings, confused)


def test_every_declared_operation_passes_the_start_up_check(settings: Settings) -> None:
    create_app(settings)
