"""Settings handed to a child process (`coffer serve`, a command) as the `COFFER_` variables it reads."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any


def coffer_environment(values: Mapping[str, Any]) -> dict[str, str]:
    """This process's environment without its own `COFFER_` variables, plus `values` (None left out):
    the child sees exactly the settings given, secrets unwrapped, booleans as `true`/`false`, lists
    comma-separated."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("COFFER_")}
    for key, value in values.items():
        if value is None:
            continue
        text = value.get_secret_value() if hasattr(value, "get_secret_value") else value
        if isinstance(text, bool):
            text = str(text).lower()
        elif isinstance(text, list | tuple):
            text = ",".join(str(item) for item in text)
        environment[f"COFFER_{key.upper()}"] = str(text)
    return environment
