"""Claims checked against closes: levels, moves, periods, neighbours, the store and the CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from nlp.analyze.sessions import is_trading_day, publication_of
from nlp.analyze.tolerance import decimals_of, half_unit, is_within, tolerance
from nlp.analyze.verify import OUTPUT_COLUMNS, summarize_verdicts, verify_claims
from nlp.cli import cli
from nlp.errors import StoreError
from nlp.records import Article, Claim
from nlp.store.db import SCHEMA_VERSION, Store

SHARED_PRICES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "prices"

# made-up closes over two and a half weeks: weekends, and Friday 4 July 2025 a holiday
RUT = {"2025-06-26": 2150.00, "2025-06-27": 2172.53, "2025-06-30": 2175.04,
       "2025-07-01": 2192.67, "2025-07-02": 2213.73, "2025-07-03": 2249.04,
       "2025-07-07": 2210.50, "2025-07-08": 2219.01, "2025-07-09": 2231.83,
       "2025-07-10": 2250.20, "2025-07-11": 2234.20, "2025-07-14": 2249.73,
       "2025-07-15": 2205.05}
SPX = {"2025-07-14": 6268.56, "2025-07-15": 6243.76}
AFTER_CLOSE = "2025-07-15T21:30:00+00:00"  # 17:30 in New York, Tuesday 15 July


def _closes(rut: dict[str, float] = RUT) -> pd.DataFrame:
    rows = [("russell_2000", d, c) for d, c in rut.items()] + [
        ("sp500", d, c) for d, c in SPX.items()]
    return pd.DataFrame(rows, columns=["subject", "date", "close"])


def _claim(value: float, *, day: str | None = None, start: str | None = None,
           end: str | None = None, **fields: Any) -> dict[str, Any]:
    """A claims-table row: an exact, reported Russell 2000 close unless told otherwise."""
    row: dict[str, Any] = {
        "id": fields.pop("id", "c1"), "article": "a1", "kind": "index_level",
        "metric": "close", "subject": "russell_2000", "value": value, "low": None,
        "high": None, "unit": "pts", "approximate": False, "forward_looking": False,
        "period": None, "period_start": start or day, "period_end": end or day,
        "published": AFTER_CLOSE, "published_has_time": True}
    if fields.get("kind") == "price_change":
        row.update(metric="pct", unit="%")
    row.update(fields)
    return row


def _move(value: float, **fields: Any) -> dict[str, Any]:
    return _claim(value, kind="price_change", **fields)


def _check(*claims: dict[str, Any], closes: pd.DataFrame | None = None) -> pd.DataFrame:
    rows = [dict(claim, id=claim["id"] if claim["id"] != "c1" else f"c{i}")
            for i, claim in enumerate(claims, 1)]
    return verify_claims(pd.DataFrame(rows), _closes() if closes is None else closes)


def _one(claim: dict[str, Any], closes: pd.DataFrame | None = None) -> dict[str, Any]:
    [row] = _check(claim, closes=closes).to_dict("records")
    return row


# levels ---------------------------------------------------------------------------------

def test_an_exact_close_is_verified_on_its_session() -> None:
    row = _one(_claim(2249.04, day="2025-07-03", period="on Thursday"))
    assert row["verdict"] == "verified"
    assert row["actual"] == 2249.04
    assert row["session"] == "2025-07-03"
    assert row["note"] is None and not row["neighbour"]


@pytest.mark.parametrize(("value", "verdict"), [
    (2249.0, "verified"),  # "2,249": within half a point
    (2249.1, "verified"),  # one decimal: within 0.05 (plus slack)
    (2250, "verified"),  # "2,250", rounded to tens: within 0.25 %
    (2249.5, "contradicted"),  # one decimal but 0.46 off
    (2240, "contradicted"),
])
def test_a_level_is_as_precise_as_it_was_written(value: float, verdict: str) -> None:
    assert _one(_claim(value, day="2025-07-03"))["verdict"] == verdict


def test_approximate_levels_get_a_percent_and_a_half() -> None:
    assert _one(_claim(2200, day="2025-07-15", approximate=True))["verdict"] == "verified"
    far = _one(_claim(2300, day="2025-07-15", approximate=True))
    assert far["verdict"] == "contradicted"
    assert far["actual"] == 2205.05


def test_a_wrong_level_is_contradicted_with_the_actual_close() -> None:
    row = _one(_claim(2228.5, day="2025-07-11", period="on Friday"))
    assert (row["verdict"], row["actual"], row["session"]) == (
        "contradicted", 2234.2, "2025-07-11")
    assert not row["neighbour"]


def test_a_range_must_contain_the_close() -> None:
    inside = _claim(2205, day="2025-07-15", low=2200.0, high=2210.0)
    outside = _claim(2225, day="2025-07-15", low=2220.0, high=2230.0)
    assert _check(inside, outside)["verdict"].tolist() == ["verified", "contradicted"]


def test_a_holiday_or_weekend_stands_for_the_session_before() -> None:
    holiday = _one(_claim(2249.04, day="2025-07-04", period="on Friday"))
    sunday = _one(_claim(2234.2, day="2025-07-13"))
    assert (holiday["verdict"], holiday["session"]) == ("verified", "2025-07-03")
    assert (sunday["verdict"], sunday["session"]) == ("verified", "2025-07-11")


def test_a_level_in_a_past_window_matches_any_close_in_it() -> None:
    near = _one(_claim(2250, start="2025-07-07", end="2025-07-11", approximate=True,
                       period="last week"))
    assert (near["verdict"], near["session"], near["actual"]) == (
        "verified", "2025-07-10", 2250.2)
    never = _one(_claim(2190.0, start="2025-07-07", end="2025-07-11", period="last week"))
    assert never["verdict"] == "contradicted"
    assert never["note"].startswith("no close from 2025-07-07 to 2025-07-11")


# moves ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "verdict"), [
    (-2.0, "verified"), (-1.99, "verified"), (-1.9, "contradicted"), (-2.1, "contradicted"),
])
def test_a_daily_move_is_close_over_the_previous_close(value: float, verdict: str) -> None:
    row = _one(_move(value, day="2025-07-15", period="on Tuesday"))
    assert row["verdict"] == verdict
    assert row["actual"] == pytest.approx(-1.986, abs=1e-3)
    assert row["session"] == "2025-07-15"


def test_a_move_after_a_holiday_runs_from_the_session_before_it() -> None:
    row = _one(_move(-1.7, day="2025-07-07", period="on Monday"))
    assert row["verdict"] == "verified"
    assert row["actual"] == pytest.approx(-1.7136, abs=1e-4)


def test_a_move_in_points_is_the_difference_of_closes() -> None:
    rows = _check(_move(-44.7, day="2025-07-15", metric="points", unit="pts"),
                  _move(-45, day="2025-07-15", metric="points", unit="pts"),
                  _move(-40, day="2025-07-15", metric="points", unit="pts"))
    assert rows["verdict"].tolist() == ["verified", "verified", "contradicted"]
    assert rows["actual"].iloc[0] == pytest.approx(-44.68)


def test_a_move_since_the_start_of_july_runs_from_the_june_close() -> None:
    row = _one(_move(1.4, start="2025-07-01", end="2025-07-15",
                     period="since the start of July"))
    assert row["verdict"] == "verified"
    assert row["session"] == "2025-06-30..2025-07-15"
    assert row["actual"] == pytest.approx(1.3797, abs=1e-4)


def test_since_a_named_day_may_run_from_that_days_close() -> None:
    before = _one(_move(1.4, start="2025-07-01", end="2025-07-15", period="since July 1"))
    on_day = _one(_move(0.6, start="2025-07-01", end="2025-07-15", period="since July 1"))
    assert (before["verdict"], before["session"]) == ("verified", "2025-06-30..2025-07-15")
    assert (on_day["verdict"], on_day["session"]) == ("verified", "2025-07-01..2025-07-15")
    assert on_day["actual"] == pytest.approx(0.5646, abs=1e-4)
    # without a named day, only the window reading counts
    window = _one(_move(0.6, start="2025-07-01", end="2025-07-15", period="this month"))
    assert window["verdict"] == "contradicted"


def test_a_window_reaching_the_article_ends_as_of_publication() -> None:
    # "in July", written on 15 July: the extractor's period ends on 31 July
    row = _one(_move(1.4, start="2025-07-01", end="2025-07-31", period="in July"))
    assert (row["verdict"], row["session"]) == ("verified", "2025-06-30..2025-07-15")


def test_a_move_in_the_wrong_direction_is_contradicted_however_approximate() -> None:
    rise = _one(_move(2.0, day="2025-07-15"))
    assert rise["verdict"] == "contradicted"
    assert rise["note"] == "wrong direction: the closes give -1.99%"
    # about -0.1% on a +0.385% day: within half a point, but a rise is not a fall
    small = _one(_move(-0.1, day="2025-07-08", approximate=True))
    assert small["verdict"] == "contradicted"
    assert small["note"].startswith("wrong direction")


def test_approximate_moves_allow_half_a_point_or_a_tenth() -> None:
    rows = _check(_move(0.8, day="2025-07-08", approximate=True),  # actual 0.385
                  _move(1.0, day="2025-07-08", approximate=True),
                  _move(-20, day="2025-07-15", approximate=True))  # a tenth of 20 = 2 pp
    assert rows["verdict"].tolist() == ["verified", "contradicted", "contradicted"]


# neighbouring sessions ------------------------------------------------------------------

def test_a_close_of_the_next_session_is_flagged() -> None:
    row = _one(_claim(2249.73, day="2025-07-11", period="on Friday"))
    assert row["verdict"] == "contradicted"
    assert row["neighbour"]
    assert row["note"] == "matches the close of 2025-07-14, not 2025-07-11"
    assert row["actual"] == 2234.2


def test_a_move_of_the_session_before_is_flagged() -> None:
    row = _one(_move(0.8, day="2025-07-11", period="on Friday"))  # 10 July's move
    assert (row["verdict"], row["neighbour"]) == ("contradicted", True)
    assert row["note"] == "matches the move of 2025-07-10, not 2025-07-11"
    assert row["actual"] == pytest.approx(-0.711, abs=1e-3)


def test_a_session_after_the_article_is_no_neighbour() -> None:
    # published on 14 July after the close: 15 July's close was not yet known
    row = _one(_claim(2205.05, day="2025-07-14", published="2025-07-14T21:00:00Z"))
    assert (row["verdict"], row["neighbour"]) == ("contradicted", False)


def test_the_summary_counts_neighbour_matches() -> None:
    rows = _check(_claim(2249.73, day="2025-07-11"), _claim(2249.04, day="2025-07-03"),
                  _claim(2100, day="2025-07-03"), _claim(2200, subject="small_caps"))
    assert summarize_verdicts(rows) == (
        "checked 4 claims: 1 verified, 2 contradicted (1 matches a neighbouring session), "
        "1 unverifiable")


# periods and publication ----------------------------------------------------------------

def test_without_a_period_the_latest_session_is_assumed_but_never_contradicted() -> None:
    rows = _check(_move(-2.0), _move(-15.0, approximate=True), _claim(2205.1))
    assert rows["verdict"].tolist() == ["verified", "unverifiable", "verified"]
    assert rows["note"].iloc[0].startswith("no period stated")
    assert rows["note"].iloc[1] == ("no period stated, and not the latest session's figure "
                                    "(-1.99% on 2025-07-15)")
    assert pd.isna(rows["actual"].iloc[1])


def test_a_morning_note_without_a_period_may_report_yesterday() -> None:
    # 08:00 in New York on 15 July: the latest close is 14 July's (+0.70%)
    row = _one(_move(0.7, published="2025-07-15T12:00:00Z"))
    assert (row["verdict"], row["session"]) == ("verified", "2025-07-14")


def test_today_means_the_new_york_session_not_the_utc_date() -> None:
    # 21:30 in New York on 15 July is 16 July in UTC, the date the extractor resolved
    row = _one(_move(-2.0, day="2025-07-16", period="today",
                     published="2025-07-16T01:30:00Z"))
    assert (row["verdict"], row["session"]) == ("verified", "2025-07-15")


def test_a_bare_date_is_taken_as_given() -> None:
    row = _one(_move(-2.0, day="2025-07-15", period="on the day",
                     published="2025-07-15T00:00:00Z", published_has_time=False))
    assert (row["verdict"], row["session"]) == ("verified", "2025-07-15")
    assert publication_of(pd.Timestamp("2025-07-15", tz="UTC")).day == date(2025, 7, 15)


def test_a_period_after_the_article_is_a_forecast() -> None:
    row = _one(_claim(2450, start="2025-07-15", end="2025-12-31", period="by year-end"))
    assert row["verdict"] == "unverifiable"
    assert "forecast" in row["note"]


def test_only_reported_levels_and_moves_are_considered() -> None:
    rows = _check(_claim(2450, forward_looking=True, day="2025-07-15"),
                  _claim(28, kind="pe_ratio", metric="forward", unit="x"),
                  _move(1.2, metric="relative", unit="pp", day="2025-07-15"),
                  _claim(2205.05, day="2025-07-15", id="kept"))
    assert rows["id"].tolist() == ["kept"]
    assert list(rows.columns) == list(OUTPUT_COLUMNS)


@pytest.mark.parametrize(("fields", "reason"), [
    ({"subject": "small_caps"}, "small_caps is a market segment, not an index"),
    ({"subject": None}, "no index named"),
    ({"subject": "sp600"}, "no closes for sp600"),
    ({"metric": "intraday"}, "an intraday level; only closes are stored"),
    ({"metric": "target"}, "a target, not a reported level"),
    ({"published": None, "period_start": None, "period_end": None},
     "no period and no publication date"),
])
def test_unverifiable_claims_say_why(fields: dict[str, Any], reason: str) -> None:
    row = _one(_claim(2205.05, day="2025-07-15", **fields))
    assert (row["verdict"], row["note"]) == ("unverifiable", reason)
    assert pd.isna(row["actual"]) and row["session"] is None


def test_missing_closes_are_named() -> None:
    late = _one(_claim(2250, day="2025-07-22", published="2025-07-23T21:00:00Z"))
    assert late["note"] == "no close for 2025-07-22 (closes of russell_2000 end on 2025-07-15)"
    early = _one(_move(1.0, start="2025-06-01", end="2025-06-30", period="in June"))
    assert early["note"] == ("no close before 2025-06-01 (closes of russell_2000 start on "
                             "2025-06-26)")
    holed = {day: close for day, close in RUT.items() if day != "2025-07-09"}
    hole = _one(_claim(2231.83, day="2025-07-09"), closes=_closes(holed))
    across = _one(_move(0.8, day="2025-07-10"), closes=_closes(holed))
    assert hole["note"] == across["note"] == "no close for 2025-07-09"
    assert {hole["verdict"], across["verdict"]} == {"unverifiable"}


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="verify_claims: missing column.* published"):
        verify_claims(pd.DataFrame([_claim(1.0)]).drop(columns="published"), _closes())


def test_the_exchange_calendar_knows_holidays() -> None:
    assert not is_trading_day(date(2025, 7, 4))
    assert not is_trading_day(date(2025, 4, 18))  # Good Friday
    assert not is_trading_day(date(2025, 1, 9))  # a day of mourning
    assert is_trading_day(date(2025, 7, 3))
    assert not is_trading_day(date(2025, 7, 5))


@given(st.integers(min_value=1, max_value=500_000), st.integers(min_value=0, max_value=3))
def test_a_figure_holds_within_half_its_last_digit(whole: int, places: int) -> None:
    value = whole / 10**places
    assert decimals_of(value) <= places
    step = 10.0 ** -decimals_of(value)
    assert half_unit(value) == pytest.approx(step / 2) or decimals_of(value) == 0
    assert is_within(value, value + 0.45 * step, "pct")
    assert is_within(value, value - 0.45 * step, "level")
    assert tolerance(value, "level", approximate=True) >= tolerance(value, "level")


# the store ------------------------------------------------------------------------------

def _stored_claim(value: float, start: int, **fields: Any) -> Claim:
    row: dict[str, Any] = {
        "article": "a1", "source": "a.txt", "kind": "index_level", "metric": "close",
        "subject": "russell_2000", "subject_text": "The Russell 2000", "value": value,
        "low": None, "high": None, "unit": "pts", "approximate": False,
        "forward_looking": False, "period": "on Tuesday", "period_start": date(2025, 7, 15),
        "period_end": date(2025, 7, 15), "speaker": None, "sentence": "…", "start": start,
        "end": start + 8}
    row.update(fields)
    return Claim(**row)


CLAIMS = [_stored_claim(2205.05, 10), _stored_claim(2249.73, 30),
          _stored_claim(-2.0, 50, kind="price_change", metric="pct", unit="%"),
          _stored_claim(28, 70, kind="pe_ratio", metric="forward", unit="x", period=None,
                        period_start=None, period_end=None),
          _stored_claim(2300, 90, subject="small_caps")]


def _fill(store: Store, claims: list[Claim] = CLAIMS) -> None:
    article = Article(id="a1", source="a.txt", format="txt", text="…", raw="…",
                      published=datetime(2025, 7, 15, 21, 30, tzinfo=UTC),
                      published_has_time=True)
    with store.transaction() as con:
        store.add_articles(con, [article])
        store.replace_claims(con, ["a1"], claims)
        frame = pd.DataFrame({"date": pd.to_datetime(list(RUT)), "close": list(RUT.values())})
        store.add_prices(con, "russell_2000", frame, "made-up.csv")


def _verify(store: Store) -> int:
    verdicts = verify_claims(store.claims_with_dates(), store.closes())
    with store.transaction() as con:
        return store.set_verdicts(con, verdicts)


def test_verdicts_are_stored_and_replaced_never_added(store: Store) -> None:
    _fill(store)
    assert _verify(store) == 4
    assert _verify(store) == 4
    assert store.count("claims") == len(CLAIMS)
    stored = store.query("SELECT kind, value, verdict, actual, verdict_note FROM claims "
                         "ORDER BY start")
    assert stored["verdict"].tolist()[:3] == ["verified", "contradicted", "verified"]
    assert stored["verdict_note"][1] == "matches the close of 2025-07-14, not 2025-07-15"
    assert stored["actual"][1] == 2205.05
    assert pd.isna(stored["verdict"][3])  # a P/E ratio is not checked
    assert stored["verdict"][4] == "unverifiable"
    flagged = store.query("SELECT count(*) AS n FROM claims WHERE verdict_note LIKE 'matches%'")
    assert flagged["n"][0] == 1


def test_a_rerun_clears_verdicts_no_longer_given(store: Store) -> None:
    _fill(store)
    _verify(store)
    with store.transaction() as con:
        store.set_verdicts(con, pd.DataFrame(columns=["id", "verdict", "actual", "note"]))
    assert store.query("SELECT count(verdict) AS n FROM claims")["n"][0] == 0


def test_reingesting_an_article_resets_its_verdicts(store: Store) -> None:
    _fill(store)
    _verify(store)
    with store.transaction() as con:
        store.replace_claims(con, ["a1"], CLAIMS)
    assert store.query("SELECT count(verdict) AS n FROM claims")["n"][0] == 0


def test_unknown_verdicts_are_refused(store: Store) -> None:
    bad = pd.DataFrame({"id": ["x"], "verdict": ["probably"], "actual": [1.0], "note": [None]})
    with pytest.raises(StoreError, match="unknown verdict.* probably"), \
            store.transaction() as con:
        store.set_verdicts(con, bad)


def _make_v1(path: Path) -> None:
    """A version-1 file: today's schema without claims.verdict_note, with one claim."""
    with Store.open(path) as store:
        _fill(store, CLAIMS[:1])
    con = duckdb.connect(str(path))
    con.execute("ALTER TABLE claims DROP COLUMN verdict_note")
    con.execute("UPDATE schema_version SET version = 1")
    con.close()


def test_a_version_1_file_is_upgraded_when_opened_for_writing(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _make_v1(path)
    with pytest.raises(StoreError, match="schema version 1, .*open it once for writing"):
        Store.open(path, read_only=True)
    with Store.open(path) as store:
        assert store.query("SELECT version FROM schema_version")["version"].tolist() == [
            SCHEMA_VERSION]
        assert "verdict_note" in store.query("SELECT * FROM claims").columns
        assert store.count("claims") == 1
        assert _verify(store) == 1
    with Store.open(path, read_only=True) as store:
        assert store.query("SELECT verdict FROM claims")["verdict"].tolist() == ["verified"]


# the command ----------------------------------------------------------------------------

def test_verify_command_prints_stores_and_summarises(tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    with Store.open(db) as store:
        _fill(store)
    result = CliRunner().invoke(cli, ["verify", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["verdict"] for row in rows] == ["verified", "contradicted", "verified",
                                                "unverifiable"]
    assert rows[1]["note"] == "matches the close of 2025-07-14, not 2025-07-15"
    assert rows[1]["actual"] == 2205.05 and rows[1]["session"] == "2025-07-15"
    assert rows[0]["period_start"] == "2025-07-15" and rows[0]["article"] == "a1"
    assert result.stderr.strip() == ("checked 4 claims: 2 verified, 1 contradicted (1 matches "
                                     "a neighbouring session), 1 unverifiable")
    again = CliRunner().invoke(cli, ["verify", "--db", str(db), "--format", "table"])
    assert again.exit_code == 0
    assert again.stdout.splitlines()[0].split() == [
        "article", "subject", "value", "unit", "period", "session", "verdict", "actual", "note"]
    with Store.open(db, read_only=True) as store:
        assert store.count("claims") == len(CLAIMS)
        assert store.query("SELECT count(verdict) AS n FROM claims")["n"][0] == 4


def test_verify_command_without_closes_says_so(tmp_path: Path) -> None:
    db = tmp_path / "bare.duckdb"
    with Store.open(db) as store, store.transaction() as con:
        store.replace_claims(con, [], CLAIMS[:1])
    result = CliRunner().invoke(cli, ["verify", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    assert "no closes stored" in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "checked 1 claim: 0 verified, 0 contradicted, 1 unverifiable")


def test_verify_command_on_an_empty_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["verify", "--db", str(tmp_path / "new.duckdb"),
                                      "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.strip() == "checked 0 claims: 0 verified, 0 contradicted, 0 unverifiable"


# real closes ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real_closes() -> pd.DataFrame:
    path = SHARED_PRICES / "rut_daily_close.csv"
    if not path.exists():
        pytest.skip("../shared/data/prices is not beside this checkout")
    from nlp.market.prices import read_closes

    return read_closes(path).assign(subject="russell_2000")


def test_true_facts_from_the_real_russell_2000_closes(real_closes: pd.DataFrame) -> None:
    close = real_closes.set_index("date")["close"]
    friday, thursday = pd.Timestamp("2025-09-12"), pd.Timestamp("2025-09-11")
    day_move = (close[friday] / close[thursday] - 1) * 100
    year_end = close[close.index < "2025-01-01"].iloc[-1]
    ytd = (close[friday] / year_end - 1) * 100
    published = "2025-09-12T21:15:00Z"
    claims = [
        _claim(round(close[friday], 2), day="2025-09-12", period="on Friday",
               published=published),
        _move(round(day_move, 1), day="2025-09-12", period="on the day",
              published=published),
        _move(round(ytd, 1), start="2025-01-01", end="2025-09-12", period="year-to-date",
              published=published),
        _claim(round(close[friday], -1), day="2025-09-12", approximate=True,
               published=published),
        _claim(round(close[thursday], 2), day="2025-09-12", period="on Friday",
               published=published),
    ]
    rows = _check(*claims, closes=real_closes)
    assert rows["verdict"].tolist() == ["verified"] * 4 + ["contradicted"]
    assert rows["session"].tolist()[2] == "2024-12-31..2025-09-12"
    assert rows["actual"].iloc[0] == pytest.approx(close[friday], abs=1e-4)
    assert rows["note"].iloc[4] == "matches the close of 2025-09-11, not 2025-09-12"
