import json
import logging
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import click.testing
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from nlp.cli import cli
from nlp.errors import FetchError, InputError, StoreError
from nlp.market import fetch
from nlp.market.fetch import (
    closes_from_yfinance,
    fetch_closes,
    last_final_day,
    missing_spans,
    ticker_of,
)
from nlp.market.prices import LAYOUTS, parse_close, parse_day, read_closes
from nlp.store.db import Store

PRICES = Path(__file__).parent / "data" / "prices"
SHARED_PRICES = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "prices"
NOON_UTC = datetime(2025, 3, 10, 12, tzinfo=UTC)  # a Monday, before the New York close

RUT_3 = [("2025-01-02", 2221.49), ("2025-01-03", 2246.13), ("2025-01-06", 2250.02)]


def _pairs(frame: pd.DataFrame) -> list[tuple[str, float]]:
    return [(f"{d:%Y-%m-%d}", round(float(c), 2)) for d, c in frame.itertuples(index=False)]


def _run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args))


def _frame(pairs: list[tuple[str, float]]) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime([d for d, _ in pairs]),
                         "close": [c for _, c in pairs]})


# reading files ----------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "expected"), [
    ("yahoo.csv", [*RUT_3, ("2025-01-07", 2215.67)]),
    ("yahoo-adj-only.csv", RUT_3[:2]),
    ("yfinance.csv", RUT_3),
    ("yfinance-tz.csv", [("2025-01-02", 5868.55), ("2025-01-03", 5942.47)]),
    ("stooq.csv", RUT_3[:2]),
    ("stooq-pl.csv", RUT_3[:2]),
    ("date-close.csv", RUT_3),
])
def test_every_layout_reads_sorted_closes(name: str, expected: list[tuple[str, float]]) -> None:
    frame = read_closes(PRICES / name)
    assert list(frame.columns) == ["date", "close"]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert frame["date"].dt.tz is None
    assert (frame["date"] == frame["date"].dt.normalize()).all()
    assert frame["close"].dtype == float
    assert _pairs(frame) == expected


def test_header_case_accents_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "stooq-pl.csv"
    path.write_text("Data;Otwarcie;Najwyższy;Najniższy;Zamknięcie;Wolumen\n"
                    "2025-01-02;2230,1;2241,55;2215;2221,49;3800000000\n", encoding="utf-8")
    assert _pairs(read_closes(path)) == [("2025-01-02", 2221.49)]
    upper = tmp_path / "upper.csv"
    upper.write_text("\ufeffDATE,CLOSE\n20250102,2221.49\n", encoding="utf-8")
    assert _pairs(read_closes(upper)) == [("2025-01-02", 2221.49)]


def test_null_closes_are_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="nlp"):
        frame = read_closes(PRICES / "yahoo.csv")
    assert "2025-01-09" not in _pairs(frame)
    assert "skipped 1 row without a close (line 5)" in caplog.text
    assert "yahoo.csv" in caplog.text


def test_exact_repeated_rows_are_dropped_with_a_warning(caplog: pytest.LogCaptureFixture
                                                        ) -> None:
    with caplog.at_level(logging.WARNING, logger="nlp"):
        frame = read_closes(PRICES / "repeated-row.csv")
    assert _pairs(frame) == RUT_3[:2]
    assert "dropped 1 repeated row (line 4)" in caplog.text


@pytest.mark.parametrize(("name", "kind", "words"), [
    ("bad-date.csv", "bad date",
     "2 unreadable dates (expected YYYY-MM-DD): line 3 '2025-13-03', line 4 'yesterday'"),
    ("bad-close.csv", "bad close",
     "4 closes not a positive number: line 3 '-2246.13', line 4 'n.a.', line 5 '0' and 1 more"),
    ("bad-duplicate-date.csv", "conflicting closes",
     "1 date given twice with different closes: line 4 (2025-01-03: 2250.02, line 3 says "
     "2246.13)"),
    ("bad-layout.csv", "unknown layout", "unknown layout (header 'when,level,volume')"),
    ("bad-empty.csv", "empty file", "empty file"),
    ("bad-header-only.csv", "no closes", "no closes (header only)"),
    ("yfinance-two-tickers.csv", "several tickers", "several tickers (^GSPC, ^RUT)"),
    ("missing.csv", "missing", "no such file"),
])
def test_bad_files_name_the_file_and_lines_in_one_line(name: str, kind: str,
                                                       words: str) -> None:
    with pytest.raises(InputError) as caught:
        read_closes(PRICES / name)
    err = caught.value
    assert str(err).startswith(f"{PRICES / name}: ")
    assert words in str(err)
    assert err.kind == kind
    assert "\n" not in str(err)


def test_unknown_layout_lists_the_accepted_ones() -> None:
    with pytest.raises(InputError) as caught:
        read_closes(PRICES / "bad-layout.csv")
    assert all(layout in str(caught.value) for layout in LAYOUTS)


def test_every_close_null_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "holidays.csv"
    path.write_text("Date,Close\n2025-01-01,null\n2025-12-25,null\n")
    with pytest.raises(InputError, match="no closes .every row's close is empty or null"):
        read_closes(path)


def test_many_bad_rows_show_the_first_few_and_count_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "many.csv"
    path.write_text("date,close\n" + "".join(f"2025-01-{d:02d},-1\n" for d in range(1, 21)))
    with pytest.raises(InputError, match=r"20 closes .* line 2 '-1', line 3 '-1', line 4 '-1' "
                                         r"and 17 more$"):
        read_closes(path)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_parse_day_reads_iso_compact_and_timestamps(day: date) -> None:
    assert parse_day(day.isoformat()) == day
    assert parse_day(day.strftime("%Y%m%d")) == day
    assert parse_day(f"{day.isoformat()} 00:00:00-05:00") == day
    assert parse_day(f"{day:%b} {day.day}, {day.year}") == day


@given(st.floats(min_value=1e-4, max_value=1e9, allow_nan=False, allow_infinity=False))
def test_parse_close_round_trips_positive_numbers(value: float) -> None:
    assert parse_close(repr(value)) == value
    if value >= 1:
        assert parse_close(f"{value:,.2f}") == pytest.approx(round(value, 2))


@pytest.mark.parametrize("text", ["", "-1", "0", "inf", "nan", "1.2.3", "1,2"])
def test_parse_close_refuses_what_is_not_a_positive_number(text: str) -> None:
    with pytest.raises(ValueError):
        parse_close(text)


@pytest.mark.parametrize("text", ["2025-02-30", "01/02/2025", "2025", "soon"])
def test_parse_day_refuses_ambiguous_or_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)


def test_the_real_russell_2000_history_loads() -> None:
    path = SHARED_PRICES / "rut_daily_close.csv"
    if not path.is_file():
        pytest.skip("../shared/data/prices is not beside this checkout")
    frame = read_closes(path)
    assert len(frame) == 9111
    assert frame["date"].is_monotonic_increasing and frame["date"].is_unique
    assert f"{frame['date'].iloc[0]:%Y-%m-%d}" == "1990-01-02"
    assert (frame["close"] > 0).all()


# the store --------------------------------------------------------------------------------

def test_loading_twice_changes_no_row_count(store: Store) -> None:
    frame = read_closes(PRICES / "yfinance.csv")
    with store.transaction() as con:
        first = store.add_prices(con, "russell_2000", frame, "yfinance.csv")
    with store.transaction() as con:
        again = store.add_prices(con, "russell_2000", frame, "yfinance.csv")
    assert (first.new, first.changed, first.unchanged) == (3, 0, 0)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 3)
    assert store.count("prices") == 3


def test_a_changed_close_replaces_the_stored_one(store: Store) -> None:
    with store.transaction() as con:
        store.add_prices(con, "russell_2000", _frame(RUT_3), "old.csv")
    fixed = _frame([("2025-01-03", 2246.5), ("2025-01-07", 2215.67)])
    with store.transaction() as con:
        counts = store.add_prices(con, "russell_2000", fixed, "fixed.csv")
    assert (counts.new, counts.changed, counts.unchanged) == (1, 1, 0)
    assert _pairs(store.prices("russell_2000")) == [
        RUT_3[0], ("2025-01-03", 2246.5), RUT_3[2], ("2025-01-07", 2215.67)]
    origins = store.query("SELECT origin FROM prices ORDER BY date")["origin"].tolist()
    assert origins == ["old.csv", "fixed.csv", "old.csv", "fixed.csv"]


def test_prices_by_range_and_the_summary(store: Store) -> None:
    with store.transaction() as con:
        store.add_prices(con, "russell_2000", _frame(RUT_3), "rut.csv")
        store.add_prices(con, "sp500", _frame([("2025-01-02", 5868.55)]), "spx.csv")
    assert _pairs(store.prices("russell_2000", start=date(2025, 1, 3))) == RUT_3[1:]
    assert _pairs(store.prices("russell_2000", end=date(2025, 1, 3))) == RUT_3[:2]
    assert store.prices("dow_jones").empty
    assert store.price_span("russell_2000") == (date(2025, 1, 2), date(2025, 1, 6))
    assert store.price_span("dow_jones") is None
    summary = store.price_summary()
    assert summary["subject"].tolist() == ["russell_2000", "sp500"]
    assert summary["rows"].tolist() == [3, 1]
    assert summary["origin"].tolist() == ["rut.csv", "spx.csv"]


def test_prices_without_a_close_column_are_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="missing close"), store.transaction() as con:
        store.add_prices(con, "sp500", pd.DataFrame({"date": ["2025-01-02"]}), "x")
    assert store.count("prices") == 0


# fetching ---------------------------------------------------------------------------------

class FakeYahoo:
    """Answers from a fixed history and records what it was asked."""

    def __init__(self, history: list[tuple[str, float]]) -> None:
        self.history = _frame(history)
        self.calls: list[tuple[str, date, date]] = []

    def __call__(self, ticker: str, first: date, last: date) -> pd.DataFrame:
        self.calls.append((ticker, first, last))
        days = self.history["date"]
        return self.history[(days >= pd.Timestamp(first)) & (days <= pd.Timestamp(last))]


def _weekdays(start: date, end: date) -> list[tuple[str, float]]:
    days = pd.bdate_range(start, end)
    return [(f"{d:%Y-%m-%d}", 2000.0 + i) for i, d in enumerate(days)]


def test_a_second_fetch_asks_only_for_the_missing_days(store: Store) -> None:
    fake = FakeYahoo(_weekdays(date(2025, 1, 1), date(2025, 3, 31)))
    first = fetch_closes(store, "russell_2000", date(2025, 2, 3), date(2025, 2, 28),
                         download=fake, now=NOON_UTC)
    assert fake.calls == [("^RUT", date(2025, 2, 3), date(2025, 2, 28))]
    assert first.new == 20
    second = fetch_closes(store, "russell_2000", date(2025, 1, 20), date(2025, 3, 7),
                          download=fake, now=NOON_UTC)
    assert fake.calls[1:] == [("^RUT", date(2025, 1, 20), date(2025, 2, 2)),
                              ("^RUT", date(2025, 3, 1), date(2025, 3, 7))]
    assert (second.new, second.changed) == (15, 0)
    third = fetch_closes(store, "russell_2000", download=fake, now=NOON_UTC)
    assert fake.calls[3:] == [("^RUT", date(2025, 3, 8), date(2025, 3, 9))]  # to yesterday
    assert third.new == 0
    assert store.count("prices") == 35
    assert store.query("SELECT DISTINCT origin FROM prices")["origin"].tolist() == [
        "yfinance ^RUT"]
    fetch_closes(store, "russell_2000", date(2025, 1, 20), date(2025, 3, 7), download=fake,
                 now=NOON_UTC)
    assert len(fake.calls) == 4  # all stored: nothing asked


def test_todays_close_counts_only_after_the_new_york_session() -> None:
    assert last_final_day(NOON_UTC) == date(2025, 3, 9)
    assert last_final_day(datetime(2025, 3, 10, 22, 30, tzinfo=UTC)) == date(2025, 3, 10)


def test_missing_spans() -> None:
    jan2, jan31 = date(2025, 1, 2), date(2025, 1, 31)
    assert missing_spans(None, jan2, jan31) == [(jan2, jan31)]
    assert missing_spans((jan2, jan31), date(2025, 1, 5), date(2025, 1, 20)) == []
    assert missing_spans((jan2, jan31), jan31 + timedelta(days=3), date(2025, 2, 5)) == [
        (jan31 + timedelta(days=3), date(2025, 2, 5))]
    assert missing_spans((jan2, jan31), jan31, jan2) == []


def test_an_empty_download_is_a_one_line_fetch_error(store: Store) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_closes(store, "sp500", date(2025, 1, 1), date(2025, 2, 1), download=FakeYahoo([]),
                     now=NOON_UTC)
    message = str(caught.value)
    assert message.startswith("^GSPC: no closes returned for 2025-01-01..2025-02-01")
    assert "rallyscope prices load" in message and "\n" not in message


def test_a_weekend_without_closes_is_not_an_error(store: Store) -> None:
    fake = FakeYahoo(_weekdays(date(2025, 3, 3), date(2025, 3, 7)))
    fetch_closes(store, "sp500", date(2025, 3, 3), date(2025, 3, 7), download=fake,
                 now=NOON_UTC)
    report = fetch_closes(store, "sp500", download=fake, now=NOON_UTC)
    assert fake.calls[-1] == ("^GSPC", date(2025, 3, 8), date(2025, 3, 9))
    assert report.new == 0 and "0 new closes" in report.summary()


def test_bad_downloaded_closes_are_a_fetch_error(store: Store) -> None:
    fake = FakeYahoo([("2025-03-03", 2000.0), ("2025-03-04", -5.0)])
    with pytest.raises(FetchError, match=r"^yfinance \^RUT: 1 close not a positive number "
                                         r"\(2025-03-04 -5.0\)"):
        fetch_closes(store, "russell_2000", date(2025, 3, 3), date(2025, 3, 7),
                     download=fake, now=NOON_UTC)
    assert store.count("prices") == 0


def test_unknown_subject_lists_the_known_ones() -> None:
    with pytest.raises(FetchError, match="small_caps: no price series known; fetchable "
                                         "subjects: russell_2000, sp500, sp600"):
        ticker_of("small_caps")


def test_without_yfinance_the_error_says_how_to_go_on(store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yfinance", None)  # import yfinance now fails
    with pytest.raises(FetchError) as caught:
        fetch_closes(store, "russell_2000", date(2025, 1, 2), date(2025, 1, 31), now=NOON_UTC)
    message = str(caught.value)
    assert "pip install 'rallyscope[online]'" in message
    assert "rallyscope prices load FILE --subject" in message
    assert "\n" not in message


def test_network_failure_is_a_one_line_fetch_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class Offline:
        @staticmethod
        def download(*args: object, **kwargs: object) -> None:
            raise ConnectionError("Failed to resolve 'query2.finance.yahoo.com'\nmore")

    monkeypatch.setitem(sys.modules, "yfinance", Offline)
    with pytest.raises(FetchError) as caught:
        fetch.download_yahoo("^RUT", date(2025, 1, 2), date(2025, 1, 31))
    assert str(caught.value) == (
        "^RUT: download failed (Failed to resolve 'query2.finance.yahoo.com'); load a CSV "
        "instead: rallyscope prices load FILE --subject SUBJECT")


def test_closes_from_a_yfinance_frame() -> None:
    index = pd.DatetimeIndex(["2025-01-02", "2025-01-03"], name="Date").tz_localize(
        "America/New_York")
    columns = pd.MultiIndex.from_product([["Close", "Open"], ["^RUT"]],
                                         names=["Price", "Ticker"])
    raw = pd.DataFrame([[2221.49, 2230.1], [float("nan"), 2222.0]], index=index,
                       columns=columns)
    frame = closes_from_yfinance(raw, "^RUT")
    assert [f"{d:%Y-%m-%d}" for d in frame["date"]] == ["2025-01-02", "2025-01-03"]
    assert frame["close"].iloc[0] == 2221.49 and frame["close"].isna().iloc[1]
    flat = closes_from_yfinance(raw.droplevel("Ticker", axis=1), "^RUT")
    assert flat["close"].iloc[0] == 2221.49
    assert closes_from_yfinance(pd.DataFrame(), "^RUT").empty


# the command line -------------------------------------------------------------------------

def test_cli_load_stores_good_files_names_bad_ones_and_exits_1(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    bad = PRICES / "bad-date.csv"
    result = _run("prices", "load", str(PRICES / "yfinance.csv"), str(bad),
                  str(PRICES / "yahoo.csv"), "--subject", "russell_2000", "--db", db)
    assert result.exit_code == 1
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING: ")]
    assert len(warnings) == 2  # and yahoo.csv's holiday
    assert warnings[0].startswith(f"WARNING: {bad}: 2 unreadable dates (expected YYYY-MM-DD)")
    assert result.stderr.splitlines()[-1] == (
        "loaded 2 files into russell_2000: 7 closes (4 new, 3 changed, 0 already stored), "
        "rejected 1 (1 bad date)")
    with Store.open(db, read_only=True) as store:
        assert store.count("prices") == 4
        assert store.query("SELECT source, kind FROM rejects").values.tolist() == [
            [str(bad), "bad date"]]


def test_cli_load_twice_changes_nothing_and_exits_0(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    args = ("prices", "load", str(PRICES / "stooq.csv"), "--subject", "SP600", "--db", db)
    assert _run(*args).exit_code == 0
    result = _run(*args)
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip() == (
        "loaded 1 file into sp600: 2 closes (0 new, 0 changed, 2 already stored)")


def test_cli_load_refuses_an_unknown_subject(tmp_path: Path) -> None:
    result = _run("prices", "load", str(PRICES / "stooq.csv"), "--subject", "small_caps",
                  "--db", str(tmp_path / "p.duckdb"))
    assert result.exit_code == 2
    assert "russell_2000" in result.stderr


def test_cli_list(tmp_path: Path) -> None:
    db = str(tmp_path / "p.duckdb")
    _run("prices", "load", str(PRICES / "yfinance.csv"), "--subject", "russell_2000",
         "--db", db)
    result = _run("prices", "list", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {"subject": "russell_2000", "first": "2025-01-02", "last": "2025-01-06", "rows": 3,
         "origin": str(PRICES / "yfinance.csv")}]
    table = _run("prices", "list", "--db", db, "--format", "table").stdout.splitlines()
    assert table[0].split() == ["subject", "first", "last", "rows", "origin"]


def test_cli_fetch_without_yfinance_is_one_line_and_exits_1(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "yfinance", None)
    result = _run("prices", "fetch", "russell_2000", "--db", str(tmp_path / "p.duckdb"))
    assert result.exit_code == 1
    [line] = result.stderr.splitlines()
    assert line.startswith("Error: yfinance is not installed: pip install 'rallyscope[online]'")


def test_cli_fetch_stores_what_the_service_gives(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    fake = FakeYahoo(_weekdays(date(2025, 1, 1), date(2025, 1, 31)))
    monkeypatch.setattr(fetch, "require_yfinance", lambda: None)
    monkeypatch.setattr(fetch, "download_yahoo", fake)
    db = str(tmp_path / "p.duckdb")
    result = _run("prices", "fetch", "russell_2000", "dow_jones", "--start", "2025-01-02",
                  "--end", "2025-01-10", "--db", db)
    assert result.exit_code == 0, result.output
    assert [call[0] for call in fake.calls] == ["^RUT", "^DJI"]
    assert "russell_2000 (^RUT): 7 new closes" in result.stderr
    assert _run("prices", "fetch", "nope", "--db", db).exit_code == 2
    assert _run("prices", "fetch", "sp500", "--start", "2025-02-01", "--end", "2025-01-01",
                "--db", db).exit_code == 2


@pytest.mark.parametrize("name", ["load", "fetch", "list"])
def test_every_prices_command_has_help_and_an_example(name: str) -> None:
    result = _run("prices", name, "-h")
    assert result.exit_code == 0
    assert "Example: rallyscope prices " + name in result.stdout
