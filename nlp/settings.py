"""Settings: code defaults < ``rallyscope.toml`` < ``RALLYSCOPE_*`` env vars < CLI flags.

Only ``cli.py`` builds a ``Settings``; library functions take explicit arguments.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from .errors import RallyscopeError

CONFIG_FILE = "rallyscope.toml"
DEFAULT_MAX_BYTES = 20_000_000  # inputs larger than this are refused


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "rallyscope.duckdb"
    max_bytes: int = DEFAULT_MAX_BYTES
    chunk_size: int = 200  # articles per write transaction

    @classmethod
    def load(cls, *, cwd: Path | None = None, env: Mapping[str, str] | None = None,
             **flags: Any) -> Settings:
        """Layer the sources; ``flags`` that are None (not given) leave lower layers alone."""
        settings = cls()
        config = (cwd or Path.cwd()) / CONFIG_FILE
        if config.is_file():
            try:
                table = tomllib.loads(config.read_text(encoding="utf-8")).get("rallyscope", {})
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
                raise RallyscopeError(f"{config}: invalid TOML ({err})") from err
            settings = settings._with(table, str(config))
        variables = os.environ if env is None else env
        from_env = {f.name: variables[f"RALLYSCOPE_{f.name.upper()}"] for f in fields(cls)
                    if f"RALLYSCOPE_{f.name.upper()}" in variables}
        settings = settings._with(from_env, "environment")
        return settings._with({k: v for k, v in flags.items() if v is not None}, "options")

    def _with(self, values: dict[str, Any], origin: str) -> Settings:
        known = {f.name: f for f in fields(self)}
        changes: dict[str, Any] = {}
        for name, value in values.items():
            if name not in known:
                raise RallyscopeError(f"{origin}: unknown setting {name!r}")
            kind = type(getattr(self, name))
            try:
                changes[name] = kind(value)
            except (TypeError, ValueError) as err:
                raise RallyscopeError(f"{origin}: {name} must be {kind.__name__}, "
                                      f"got {value!r}") from err
        return replace(self, **changes)
