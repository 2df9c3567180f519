from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.checks import (
    check_date,
    check_email,
    check_money,
    format_cents,
    int_range,
    parse_date,
    parse_money,
)
from tracker.domain.text import clean_text


def test_parse_money_to_integer_cents():
    assert parse_money("1200") == 120000
    assert parse_money("1,200.50") == 120050
    assert parse_money("$15.5") == 1550
    assert parse_money("12,50") == 1250
    assert parse_money("") is None


def test_money_refuses_text_and_negative():
    assert check_money("twelve") is not None
    assert check_money("-5") is not None
    assert check_money("1.234") is not None


@given(st.integers(min_value=0, max_value=99_999_999_999))
def test_format_then_parse_round_trips(cents):
    assert parse_money(format_cents(cents)) == cents


def test_dates_are_strict_iso():
    assert parse_date("2026-02-28").isoformat() == "2026-02-28"
    assert check_date("2026-02-30") == "'2026-02-30' is not a date: no such date"
    assert check_date("15/07/2026") is not None
    assert check_date("") is None


def test_email_and_ranges():
    assert check_email("a@b.example") is None
    assert check_email("not-an-email") is not None
    assert int_range(0, 10)("11") == "between 0 and 10"
    assert int_range(0, 10)("x") == "a whole number"


@given(st.text())
def test_clean_text_is_always_storable(text):
    cleaned = clean_text(text)
    assert "\x00" not in cleaned
    cleaned.encode("utf-8")  # no lone surrogates left


def test_clean_text_keeps_ordinary_text():
    assert clean_text("Zoë Nguyễn\n– ok") == "Zoë Nguyễn\n– ok"
    assert clean_text("a\x00b\udc80c") == "abc"
