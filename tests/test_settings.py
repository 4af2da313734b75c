from pathlib import Path

import pytest

from nlp.errors import RallyscopeError
from nlp.settings import Settings


def test_layers_in_order(tmp_path: Path) -> None:
    (tmp_path / "rallyscope.toml").write_text('[rallyscope]\ndb = "toml.duckdb"\nmax_bytes = 10\n')
    env = {"RALLYSCOPE_MAX_BYTES": "20"}
    assert Settings.load(cwd=tmp_path, env={}) == Settings(db="toml.duckdb", max_bytes=10)
    assert Settings.load(cwd=tmp_path, env=env).max_bytes == 20
    assert Settings.load(cwd=tmp_path, env=env, max_bytes=30, db=None) == Settings(
        db="toml.duckdb", max_bytes=30)


def test_bad_values_name_their_origin(tmp_path: Path) -> None:
    with pytest.raises(RallyscopeError, match="environment: max_bytes must be int"):
        Settings.load(cwd=tmp_path, env={"RALLYSCOPE_MAX_BYTES": "lots"})
    (tmp_path / "rallyscope.toml").write_text('[rallyscope]\ncolour = "red"\n')
    with pytest.raises(RallyscopeError, match=r"rallyscope\.toml: unknown setting 'colour'"):
        Settings.load(cwd=tmp_path, env={})
