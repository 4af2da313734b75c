"""The README and the commands agree: every command documented, CI runs the README's tests."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from nlp.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _first_commands() -> list[str]:
    lines = [line.strip() for line in README.splitlines()[:6] if line.startswith("    ")]
    return lines


def test_readme_opens_with_the_two_commands() -> None:
    demo, tests = _first_commands()
    assert demo.endswith("rallyscope demo")
    assert tests.endswith("-m pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    _, tests = _first_commands()
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert tests in ci_lines


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_an_example_and_a_readme_entry(name: str) -> None:
    command = cli.commands[name]
    assert command.help and "Example: rallyscope" in command.help
    assert CliRunner().invoke(cli, [name, "-h"]).exit_code == 0
    assert f"rallyscope {name}" in README
