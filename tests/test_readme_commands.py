"""The README's table of commands names only commands and options the CLI has."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from coffer.cli import cli

README = Path(__file__).resolve().parents[1] / "README.md"


def _documented() -> list[str]:
    """The first cell of each row of the Commands table: `coffer …` with its options."""
    section = README.read_text(encoding="utf-8").split("## Commands", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(coffer [^`]+)` \|", section, flags=re.MULTILINE)
    return [row.replace("\\|", "|") for row in rows]  # a table cell escapes its pipes


def _command(words: list[str]) -> Any:
    """Typer's command for `words` (typer carries its own click, so groups are known by `commands`)."""
    command: Any = typer.main.get_command(cli)
    for word in words:
        if word not in getattr(command, "commands", {}):
            break
        command = command.commands[word]
    return command


def _names(words: list[str]) -> list[str]:
    """`users unlock|reset-password` stands for each of the commands it lists."""
    expanded: list[list[str]] = [[]]
    for word in words:
        if word.startswith("-") or word.startswith("[") or not re.fullmatch(r"[a-z|-]+", word):
            break
        expanded = [[*done, choice] for done in expanded for choice in word.split("|")]
    return [" ".join(choice) for choice in expanded]


def test_the_commands_table_is_read() -> None:
    assert len(_documented()) >= 8


@pytest.mark.parametrize("line", _documented())
def test_each_documented_command_and_option_exists(line: str) -> None:
    words = line.split()[1:]
    for name in _names(words):
        command = _command(name.split())
        assert command.name == name.split()[-1], f"{line}: no command `coffer {name}`"
        options = {option for parameter in command.params for option in getattr(parameter, "opts", [])}
        for option in re.findall(r"--[a-z][a-z-]*", line):
            assert option in options, f"{line}: `coffer {name}` has no {option} (it has {sorted(options)})"
