"""Money in integer minor units: parsing, formatting, conversion at the user's rate,
proration of a monthly rent to nights; B1's planned lines; housing warnings."""

from datetime import date

import pytest

from tracker.domain.budget import (
    CostBasis,
    Expense,
    HousingOption,
    b1_plan,
    block_nights,
    housing_cost,
    housing_warnings,
    summarise,
)
from tracker.domain.money import (
    check_currency,
    format_money,
    minor_digits,
    parse_amount,
    parse_rate,
    prorate,
    to_home,
    to_usd,
)


@pytest.mark.parametrize(
    ("text", "code", "minor"),
    [
        ("1200", "USD", 120000),
        ("1,200.5", "USD", 120050),
        ("$ 99.99", "USD", 9999),
        ("5000", "JPY", 5000),
        ("1.234", "KWD", 1234),
        ("", "USD", None),
    ],
)
def test_amounts_become_minor_units_of_their_currency(text, code, minor):
    assert parse_amount(text, code) == minor


@pytest.mark.parametrize(
    ("text", "code", "reason"),
    [
        ("-5", "USD", "negative"),
        ("12.345", "USD", "2 decimal places"),
        ("10.5", "JPY", "no decimal places"),
        ("2000000", "USD", "a typo"),
        ("12abc", "USD", "like 1200"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(text, code, reason):
    with pytest.raises(ValueError, match=reason):
        parse_amount(text, code)


def test_currency_codes_are_iso_4217():
    assert check_currency("ars") is None
    assert "ISO 4217" in check_currency("XYZ")
    assert format_money(120050) == "$1,200.50"
    assert format_money(5000, "JPY") == "5,000 JPY"
    assert format_money(-1999) == "-$19.99"


def test_minor_digits_come_from_the_iso_4217_table():
    assert minor_digits("usd") == 2
    assert minor_digits("XAU") == 0  # gold: N.A.
    for not_a_currency in ("", "US", "XYZ", "Ccy"):
        with pytest.raises(ValueError, match="not an ISO 4217"):
            minor_digits(not_a_currency)


def test_conversion_at_the_users_rate_rounds_to_the_minor_unit():
    rate = parse_rate("1180.5")
    assert rate == 1_180_500_000
    assert to_home(100, rate, "ARS") == 118050  # $1.00 -> 1,180.50 ARS
    assert to_home(1, parse_rate("0.92"), "EUR") == 1  # 0.92 cent rounds to 1
    assert to_home(1000, parse_rate("151.3"), "JPY") == 1513
    assert to_usd(118050, "ARS", rate, "ARS") == 100
    assert to_usd(500, "EUR", rate, "ARS") is None  # a third currency is not guessed
    with pytest.raises(ValueError, match="a rate like"):
        parse_rate("0")


@pytest.mark.parametrize(
    ("check_in", "check_out", "expected"),
    [
        ("2026-02-01", "2026-03-01", 120000),  # all of February: the month's rent
        ("2026-01-01", "2026-02-01", 120000),  # all of January
        ("2026-02-15", "2026-02-16", 4286),  # one February night: 1,200 / 28
        ("2028-02-15", "2028-02-16", 4138),  # in a leap year: 1,200 / 29
        # 15 January nights at 1,200 / 31 and 13 February nights at 1,200 / 28: 1,137.79
        ("2026-01-17", "2026-02-14", 113779),
    ],
)
def test_a_monthly_rent_is_prorated_night_by_night(check_in, check_out, expected):
    assert prorate(120000, date.fromisoformat(check_in), date.fromisoformat(check_out)) == expected


def test_b1_plans_the_middle_of_each_range_for_the_block_and_leaves_housing_to_a_booking():
    lines = {line.category: line.planned_cents for line in b1_plan(28, housing_booked=False)}
    assert lines == {
        "housing": 140000,
        "food": 37500,
        "transport": 22500,
        "application": 30000,
        "visa": None,
        "travel": None,
    }
    longer = {line.category: line.planned_cents for line in b1_plan(35, housing_booked=True)}
    assert "housing" not in longer
    assert longer["food"] == 46900  # 375 * 35 / 28 = 468.75 -> $469


def test_booked_housing_is_the_housing_plan_and_a_third_currency_is_named():
    block = block_nights("2026-11-14", "2026-12-11")
    assert (block[1] - block[0]).days == 28
    booked = HousingOption(name="Residence", amount_cents=120000, per=CostBasis.MONTH)
    flat = HousingOption(name="Flat", amount_cents=90000, per=CostBasis.TOTAL, currency="USD")
    assert housing_cost(flat, block) == 90000
    found = summarise(
        [
            Expense(category="food", planned_cents=60000, actual_cents=21000),
            Expense(category="visa", actual_cents=18500, currency="EUR", description="Visa"),
        ],
        [booked],
        block,
        None,
        "ARS",
    )
    assert found.by_category["housing"].planned == housing_cost(booked, block)
    assert found.by_category["food"].actual == 21000
    assert found.not_counted == ["Visa (EUR)"]


def test_housing_warnings_for_an_accepted_block():
    today = date(2026, 11, 1)
    assert housing_warnings("accepted", "2026-11-20", "2026-12-17", [], today) == [
        "No housing booked and the block starts in 19 days."
    ]
    assert housing_warnings("accepted", "2027-03-01", "2027-03-28", [], today) == []
    short = HousingOption(
        name="Room", status="booked", check_in="2026-11-20", check_out="2026-12-15"
    )
    [warning] = housing_warnings("accepted", "2026-11-20", "2026-12-17", [short], today)
    assert "covers 25 of 28 nights" in warning
    assert "15 Dec – 17 Dec" in warning
    whole = HousingOption(name="Room", status="booked")  # the block's own nights
    assert housing_warnings("accepted", "2026-11-20", "2026-12-17", [whole], today) == []


def test_an_amount_in_the_home_currency_shows_as_entered_beside_its_dollars():
    """15,990 INR entered: the totals hold exact dollars, so the home currency shown is
    what was typed, never 15,990.05 after a round trip through cents."""
    from tracker.domain.budget import Expense, summarise
    from tracker.domain.money import in_both, parse_rate

    rate = parse_rate("86.4")
    spent = Expense(category="food", actual_cents=1_599_000, currency="INR", description="x")
    found = summarise([spent, spent], [], None, rate, "INR")
    assert in_both(found.actual_usd / 2, rate, "INR") == "$185.07 (15,990.00 INR)"
    assert in_both(found.actual_usd, rate, "INR") == "$370.14 (31,980.00 INR)"
    assert found.actual == 37_014  # cents, rounded once
