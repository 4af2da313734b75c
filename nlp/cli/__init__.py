"""The ``rallyscope`` command: a click group of thin commands over the library.

``app`` holds the group and the shared options; each other module adds its commands.
"""

from . import articles, browse, market, query  # noqa: F401  (registers the commands)
from .app import cli


def main() -> None:
    cli(prog_name="rallyscope")


__all__ = ["cli", "main"]
