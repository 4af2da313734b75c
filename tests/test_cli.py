import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from nlp.cli import cli
from nlp.store.db import Store


def _run(*args: str) -> "click.testing.Result":
    return CliRunner().invoke(cli, list(args))


def test_ingest_good_folder_exits_0(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Small caps rise\n\nThe Russell 2000 rose 1.1% to 2,061.30 on "
                                  "Wednesday as cut bets grew.\n", encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    result = _run("ingest", str(folder), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("loaded 1 (2 claims),")  # 1.1% and 2,061.30


def test_ingest_mixed_folder_names_every_bad_file_and_exits_1(mixed_folder: Path,
                                                              tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    result = _run("ingest", str(mixed_folder), "--db", db, "--max-bytes", "5000")
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING: ")]
    assert len(warnings) == 12  # 7 bad files, huge.txt, 2 symlink loops, 2 jsonl lines
    assert any(line.startswith(f"WARNING: {mixed_folder / 'empty.txt'}: empty file")
               for line in warnings)
    summary = result.stderr.splitlines()[-1]
    assert re.match(r"loaded 7 \(\d+ claims\), rejected 12 \(", summary), summary
    with Store.open(db, read_only=True) as store:
        assert store.count("articles") == 7


def test_env_var_names_the_database(tmp_path: Path, data_dir: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.duckdb"
    monkeypatch.setenv("RALLYSCOPE_DB", str(db))
    _run("ingest", str(data_dir / "articles" / "northgate-2026.htm"))
    assert db.exists()


def test_usage_error_exits_2() -> None:
    assert _run("ingest").exit_code == 2
    assert _run("ingest", "x", "--max-bytes", "zero").exit_code == 2


def test_store_error_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_text("plain text, not a database")
    result = _run("ingest", str(tmp_path), "--db", str(bad))
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Error: ")
    assert "Traceback" not in result.output


def test_demo_on_a_sample(tmp_path: Path, data_dir: Path) -> None:
    out = tmp_path / "demo"
    result = _run("demo", "--out", str(out), "--sample", str(data_dir / "articles"))
    assert "format" in result.stdout and "demo.duckdb" in result.stdout
    assert "claims checked against the illustrative closes" in result.stdout
    assert (out / "demo.duckdb").exists()
    assert (out / "stance.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "Illustrative prices" in page and 'src="http' not in page
    assert result.exit_code == 1  # the sample jsonl has two bad lines on purpose


def test_demo_without_sample_says_why(tmp_path: Path) -> None:
    result = _run("demo", "--out", str(tmp_path), "--sample", str(tmp_path / "none"))
    assert result.exit_code == 1
    assert "sample corpus not found" in result.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_extract_formats(data_dir: Path, fmt: str) -> None:
    result = _run("extract", str(data_dir / "articles" / "wire-close-2025-06-18.txt"),
                  "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [json.loads(line) for line in result.stdout.splitlines()]
        level = next(r for r in rows if r["kind"] == "index_level")
        assert (level["value"], level["subject"], level["period_start"]) == (
            2153.4, "russell_2000", "2025-06-18")
        assert set(level) >= {"article", "source", "kind", "metric", "subject", "subject_text",
                              "value", "low", "high", "unit", "approximate", "forward_looking",
                              "period", "period_start", "period_end", "speaker", "sentence",
                              "start", "end", "verdict", "actual"}
    elif fmt == "csv":
        assert result.stdout.splitlines()[0].startswith("id,article,source,kind,")
    else:
        assert result.stdout.splitlines()[0].split()[:3] == ["kind", "metric", "subject"]
    assert "claims from 1 articles" in result.stderr


def test_extract_names_bad_files_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = _run("extract", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'empty.txt'}: empty file" in result.stderr


@pytest.mark.slow
def test_ingest_classify_stores_stances_and_sentences_once(data_dir: Path,
                                                           tmp_path: Path) -> None:
    db = str(tmp_path / "c.duckdb")
    for _ in range(2):
        result = _run("ingest", str(data_dir / "articles"), "--db", db, "--classify")
        assert result.exit_code == 1  # the jsonl's two bad lines
    with Store.open(db, read_only=True) as store:
        stances = store.query("SELECT stance, score, confidence, evidence FROM stances")
        assert len(stances) == store.count("articles") == 6
        assert set(stances["stance"]) <= {"sustainable", "skeptical", "uncertain", "none"}
        assert stances["score"].between(-1, 1).all()
        assert stances["confidence"].between(0, 1).all()
        sentences = store.query("SELECT article, position, label, score FROM sentences")
        assert len(sentences) > 20
        assert not sentences.duplicated(["article", "position"]).any()


@pytest.mark.slow
def test_stance_command(data_dir: Path) -> None:
    result = _run("stance", str(data_dir / "articles" / "lantern-rotation.html"),
                  "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(row) == {"article", "source", "stance", "score", "confidence", "evidence",
                        "sentiment"}
    assert row["stance"] in {"sustainable", "skeptical", "uncertain", "none"}
