"""rallyscope sql (read-only), schema and show, over a store of the sample corpus."""

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import click
import duckdb
import pytest
from click.testing import CliRunner, Result

from nlp.cli import browse, cli
from nlp.cli.app import SAMPLE_DIR
from nlp.errors import StoreError
from nlp.store.catalog import parse_schema
from nlp.store.db import TABLES, Store
from nlp.workflow import ingest_paths, list_inputs

ALL_TABLES = ("schema_version", *TABLES)
MARK = re.compile(r"⟦(.*?)⟧\{(\w+)\}")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = str(tmp_path_factory.mktemp("browse") / "sample.duckdb")
    with Store.open(path) as store:
        ingest_paths(list_inputs([SAMPLE_DIR / "articles"]), store, classify=True)
    yield path


@pytest.fixture(scope="module")
def article(db: str) -> dict[str, object]:
    """The classified article with evidence and the most claims."""
    with Store.open(db, read_only=True) as store:
        [row] = store.query(
            "SELECT a.id, a.title, a.publisher, a.author, a.source, a.text, s.stance, "
            "s.evidence FROM articles a JOIN stances s ON s.article = a.id "
            "WHERE len(s.evidence) > 0 ORDER BY (SELECT count(*) FROM claims c "
            "WHERE c.article = a.id) DESC, a.id LIMIT 1").to_dict("records")
        claims = store.query('SELECT start, "end", kind FROM claims WHERE article = ? '
                             'ORDER BY start', [row["id"]])
    row["claims"] = [(int(s), int(e), str(k)) for s, e, k in claims.itertuples(index=False)]
    return row


def _run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=input)


def _counts(db: str) -> dict[str, int]:
    with Store.open(db, read_only=True) as store:
        return {t: int(store.query(f"SELECT count(*) AS n FROM {t}")["n"][0])
                for t in ALL_TABLES}


# sql ----------------------------------------------------------------------------------

KINDS_SQL = "SELECT kind, count(*) AS n FROM claims GROUP BY kind ORDER BY kind"


def _expected_kinds(db: str) -> list[tuple[str, int]]:
    with duckdb.connect(db, read_only=True) as con:
        return [(k, int(n)) for k, n in con.execute(KINDS_SQL).fetchall()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table", "parquet"])
def test_select_in_every_format(db: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"kinds.{fmt}"
    args = ["sql", KINDS_SQL, "--db", db, "--format", fmt]
    result = _run(*args, "--out", str(out)) if fmt == "parquet" else _run(*args)
    assert result.exit_code == 0, result.output
    if fmt == "jsonl":
        rows = [(r["kind"], r["n"]) for r in map(json.loads, result.stdout.splitlines())]
    elif fmt == "csv":
        rows = [(r["kind"], int(r["n"])) for r in csv.DictReader(io.StringIO(result.stdout))]
    elif fmt == "table":
        header, *lines = result.stdout.splitlines()
        assert header.split() == ["kind", "n"]
        rows = [(line.split()[0], int(line.split()[1])) for line in lines]
    else:
        assert result.stdout == ""
        with duckdb.connect() as con:
            rows = [(k, int(n)) for k, n in
                    con.execute("SELECT kind, n FROM read_parquet(?)", [str(out)]).fetchall()]
    assert rows == _expected_kinds(db) and len(rows) > 3


def test_csv_to_a_file_and_parquet_needs_out(db: str, tmp_path: Path) -> None:
    out = tmp_path / "kinds.csv"
    result = _run("sql", KINDS_SQL, "--db", db, "--format", "csv", "--out", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    assert out.read_text(encoding="utf-8").splitlines()[0] == "kind,n"
    assert _run("sql", KINDS_SQL, "--db", db, "--format", "parquet").exit_code == 2


def test_lists_come_out_as_json_and_blobs_as_hex(db: str) -> None:
    sql = ("SELECT a.junk_removed, s.evidence, a.raw[1:2] AS head, {'n': 1.5::DECIMAL(3, 1)} "
           "AS st FROM stances s JOIN articles a ON a.id = s.article WHERE len(s.evidence) > 0 "
           "ORDER BY a.id LIMIT 1")
    result = _run("sql", sql, "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    [row] = map(json.loads, result.stdout.splitlines())
    assert isinstance(row["evidence"], list) and all(isinstance(s, str) for s in row["evidence"])
    assert row["head"] == "789c"  # zlib
    assert row["st"] == {"n": 1.5}
    result = _run("sql", sql, "--db", db, "--format", "csv")
    [cells] = csv.DictReader(io.StringIO(result.stdout))
    assert json.loads(cells["evidence"]) == row["evidence"]


def test_explain_of_a_select_and_sql_from_stdin(db: str) -> None:
    assert _run("sql", "EXPLAIN SELECT * FROM claims", "--db", db).exit_code == 0
    result = _run("sql", "-", "--db", db, "--format", "jsonl",
                  input="SELECT count(*) AS n FROM articles")
    assert json.loads(result.stdout) == {"n": _counts(db)["articles"]}


@pytest.mark.parametrize(("sql", "kind"), [
    ("INSERT INTO rejects VALUES ('x.txt', 'empty file', 'empty file', false, now())",
     "INSERT"),
    ("UPDATE claims SET value = 0", "UPDATE"),
    ("DELETE FROM claims", "DELETE"),
    ("WITH doomed AS (SELECT 1) DELETE FROM articles", "DELETE"),
    ("CREATE TABLE notes (a INTEGER)", "CREATE"),
    ("CREATE TEMP TABLE notes AS SELECT 1", "CREATE"),
    ("DROP TABLE claims", "DROP"),
    ("ALTER TABLE claims ADD COLUMN extra INTEGER", "ALTER"),
    ("COPY claims TO '{tmp}/claims.csv'", "COPY"),
    ("EXPORT DATABASE '{tmp}/export'", "EXPORT"),
    ("ATTACH '{tmp}/other.duckdb' AS other", "ATTACH"),
    ("INSTALL httpfs", "INSTALL"),
    ("LOAD httpfs", "LOAD"),
    ("SET enable_external_access = true", "SET"),
    ("PRAGMA enable_profiling", "PRAGMA"),
    ("CHECKPOINT", "CALL"),
    ("EXPLAIN ANALYZE DELETE FROM claims", "EXPLAIN DELETE"),
    ("SELECT 1; DELETE FROM claims", "DELETE"),
])
def test_writes_are_refused_before_they_run(db: str, tmp_path: Path, sql: str,
                                            kind: str) -> None:
    before = _counts(db)
    result = _run("sql", sql.format(tmp=tmp_path), "--db", db)
    assert result.exit_code == 1
    assert result.stderr == f"Error: rallyscope sql is read-only: {kind} statements are refused\n"
    assert result.stdout == ""
    assert _counts(db) == before
    assert list(tmp_path.iterdir()) == []  # no file written


@pytest.mark.parametrize("sql", ["SELECT * FROM read_csv('/etc/passwd')",
                                 "SELECT * FROM read_text('/etc/hostname')",
                                 "SELECT * FROM glob('/etc/*')",
                                 "SELECT * FROM read_parquet('https://example.com/x.parquet')"])
def test_no_other_file_and_no_network(db: str, sql: str) -> None:
    result = _run("sql", sql, "--db", db)
    assert result.exit_code == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: Permission Error: ") and "disabled by configuration" in line


@pytest.mark.parametrize(("sql", "start"), [
    ("SELEC kind FROM claims", "Error: Parser Error: syntax error"),
    ("SELECT * FROM claim", "Error: Catalog Error: Table with name claim does not exist!"),
    ("SELECT nonsense FROM claims", "Error: Binder Error: "),
    ("SELECT 'a'::INTEGER", "Error: Conversion Error: "),
    ("  ;  ", "Error: no SQL statement given"),
])
def test_bad_sql_is_one_line(db: str, sql: str, start: str) -> None:
    result = _run("sql", sql, "--db", db)
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(start), line
    assert "Traceback" not in result.output and "LINE 1" not in result.output


def test_several_selects_print_the_last(db: str) -> None:
    result = _run("sql", "SELECT 1 AS a; SELECT count(*) AS n FROM claims;", "--db", db,
                  "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"n": _counts(db)["claims"]}]


def test_store_without_external_access(tmp_path: Path) -> None:
    data = tmp_path / "closes.csv"
    data.write_text("date,close\n2025-01-02,2200.5\n", encoding="utf-8")
    path = tmp_path / "x.duckdb"
    Store.open(path).close()
    with Store.open(path, read_only=True) as store:  # the default: files are reachable
        assert len(store.query("SELECT * FROM read_csv(?)", [str(data)])) == 1
    with Store.open(path, read_only=True, external_access=False) as store:
        assert store.count("claims") == 0
        with pytest.raises(StoreError, match="Permission Error"):
            store.query("SELECT * FROM read_csv(?)", [str(data)])


# schema -------------------------------------------------------------------------------

def _schema(*args: str) -> list[dict[str, object]]:
    result = _run("schema", "--format", "jsonl", *args)
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_schema_documents_every_table_and_column_without_a_database(tmp_path: Path) -> None:
    rows = _schema()
    tables = [r for r in rows if r["column"] is None]
    assert [t["table"] for t in tables] == list(ALL_TABLES)
    assert all(t["meaning"] and t["type"] is None for t in tables)
    columns = [r for r in rows if r["column"] is not None]
    assert all(c["meaning"] and c["type"] for c in columns), [
        c for c in columns if not c["meaning"]]
    assert "rows" not in rows[0]
    with Store.open(tmp_path / "fresh.duckdb") as store:  # the documentation is the DDL
        actual = store.query("SELECT table_name, column_name, data_type FROM "
                             "information_schema.columns ORDER BY table_name, ordinal_position")
    aliases = {"TIMESTAMPTZ": "TIMESTAMP WITH TIME ZONE"}
    documented = sorted((c["table"], c["column"], aliases.get(str(c["type"]), c["type"]))
                        for c in columns)
    assert documented == sorted(actual.itertuples(index=False, name=None))
    claims = {c["column"]: c for c in columns if c["table"] == "claims"}
    assert claims["end"]["type"] == "INTEGER" and "figure" in str(claims["end"]["meaning"])


def test_schema_with_a_database_counts_rows(db: str) -> None:
    rows = _schema("--db", db)
    counts = {r["table"]: r["rows"] for r in rows if r["column"] is None}
    assert counts == _counts(db)
    assert counts["articles"] > 40 and counts["claims"] > 500
    assert all(r["rows"] is None for r in rows if r["column"] is not None)


def test_schema_table_format() -> None:
    result = _run("schema", "--format", "table")
    assert result.stdout.splitlines()[0].split() == ["table", "column", "type", "meaning"]
    assert re.search(r"^claims +start +INTEGER +\S", result.stdout, re.MULTILINE)


def test_parse_schema_reads_comments_and_skips_constraints() -> None:
    ddl = ("-- header\n-- table: closes of an index\nCREATE TABLE IF NOT EXISTS p (\n"
           "    subject VARCHAR NOT NULL,   -- the index\n"
           '    "end"   TIMESTAMPTZ NOT NULL DEFAULT current_timestamp  -- when\n'
           "    tags    VARCHAR[],\n    PRIMARY KEY (subject)\n);\n"
           "CREATE TABLE q (\n    a DOUBLE\n);\n")
    assert [tuple(doc) for doc in parse_schema(ddl)] == [
        ("p", None, None, "closes of an index"), ("p", "subject", "VARCHAR", "the index"),
        ("p", "end", "TIMESTAMPTZ", "when"), ("p", "tags", "VARCHAR[]", ""),
        ("q", None, None, ""), ("q", "a", "DOUBLE", "")]


# show ---------------------------------------------------------------------------------

def _show(db: str, ref: str) -> Result:
    return _run("show", ref, "--db", db)


def _body(output: str) -> str:
    """The article text section of ``rallyscope show``."""
    after = output.split("── text ", 1)[1].split("\n", 1)[1]
    return after.rsplit("\n── claims (", 1)[0]


def test_show_by_id_gives_header_stance_evidence_and_claims(db: str,
                                                            article: dict[str, object]) -> None:
    result = _show(db, str(article["id"]))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == article["title"]
    for field in ("id", "publisher", "author"):
        if article[field]:
            assert str(article[field]) in lines[1]
    assert f"source: {article['source']}" in lines
    assert any(line.startswith(f"stance: {article['stance']}  score ") for line in lines)
    flat = " ".join(result.stdout.split())
    for sentence in article["evidence"]:  # type: ignore[attr-defined]
        assert " ".join(sentence.split()) in flat
    claims = article["claims"]
    assert f"── claims ({len(claims)}) " in result.stdout  # type: ignore[arg-type]
    table = result.stdout.rsplit("── claims (", 1)[1].splitlines()[1:]
    assert table[0].split() == list(browse.CLAIM_LIST_COLUMNS)
    assert len(table) == 1 + len(claims)  # type: ignore[arg-type]
    assert all(len(line) <= browse.PLAIN_WIDTH or " " not in line.strip()
               for line in _body(result.stdout).splitlines())


def test_show_marks_every_figure_at_its_offsets(db: str, article: dict[str, object]) -> None:
    text, claims = str(article["text"]), article["claims"]
    body = _body(_show(db, str(article["id"])).stdout)
    marks = MARK.findall(body)
    assert marks == [(text[s:e], k) for s, e, k in claims]  # type: ignore[attr-defined]
    # unmarked and with whitespace collapsed, the body is the text, and each mark sits
    # where its claim's offsets put it
    flat, plain, at = " ".join(body.split()), "", 0
    positions = []
    for match in MARK.finditer(flat):
        plain += flat[at:match.start()]
        positions.append(len(plain))
        plain += match.group(1)
        at = match.end()
    plain += flat[at:]
    assert plain == " ".join(text.split())
    assert positions == [len(" ".join(text[:s].split())) + (s > 0 and text[s - 1].isspace())
                         for s, _, _ in claims]  # type: ignore[attr-defined]


def test_show_by_prefix_and_by_source(db: str, article: dict[str, object]) -> None:
    full = _show(db, str(article["id"])).stdout
    assert _show(db, str(article["id"])[:6]).stdout == full
    assert _show(db, str(article["id"])[:10].upper()).stdout == full
    assert _show(db, str(article["source"])).stdout == full


def test_show_unknown_or_too_short(db: str) -> None:
    result = _show(db, "zzzzzzzz")
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {db}: no article with id, id prefix, source or URL "
                             "zzzzzzzz\n")
    result = _show(db, "abc")
    assert result.exit_code == 1
    assert result.stderr == "Error: abc: give at least 6 characters of an article id\n"


def test_show_ambiguous_prefix_lists_the_candidates(db: str, article: dict[str, object],
                                                    tmp_path: Path) -> None:
    copy = tmp_path / "twins.duckdb"
    shutil.copy(db, copy)
    real = str(article["id"])
    twin = real[:8] + ("0" if real[8] != "0" else "1") * 8
    with Store.open(copy) as store, store.transaction() as con:
        con.execute("INSERT INTO articles SELECT * REPLACE (? AS id, 'The twin' AS title) "
                    "FROM articles WHERE id = ?", [twin, real])
    result = _show(str(copy), real[:7])
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"Error: {real[:7]} matches 2 articles: ")
    assert real in line and twin in line and "The twin" in line
    assert _show(str(copy), real).exit_code == 0  # the full id is never ambiguous


def test_show_without_stance_says_so(tmp_path: Path) -> None:
    path = str(tmp_path / "plain.duckdb")
    source = SAMPLE_DIR / "articles" / "txt" / "2025-07-03-harborline-rotation.txt"
    with Store.open(path) as store:
        ingest_paths(list_inputs([source]), store)
    result = _show(path, str(source))
    assert result.exit_code == 0, result.output
    assert "stance: not classified (rallyscope ingest)" in result.stdout
    assert MARK.search(result.stdout)


def test_styled_text_marks_figures_in_colour_and_wraps_on_visible_width() -> None:
    text = "Small caps\nThe Russell 2000 rose 1.1% to 2,061.30 on a quarter-point cut bet."
    spans = [(text.index(figure), text.index(figure) + len(figure), kind) for figure, kind in
             [("1.1%", "price_change"), ("2,061.30", "index_level"), ("quarter-point", "other")]]
    lines = browse.render_text(text, spans, 30, styled=True)
    assert "\x1b[" in "".join(lines)
    assert click.unstyle("\n".join(lines)) == "\n".join(
        browse.render_text(text, [], 30, styled=False))
    assert all(len(click.unstyle(line)) <= 30 for line in lines)
    assert click.style("2,061.30", fg="cyan", bold=True) in "".join(lines)
    plain = browse.render_text(text, spans, 200, styled=False)
    assert plain == ["Small caps", "", "The Russell 2000 rose ⟦1.1%⟧{price_change} to "
                     "⟦2,061.30⟧{index_level} on a ⟦quarter-point⟧{other} cut bet."]
