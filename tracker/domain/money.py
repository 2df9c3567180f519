"""Money as integer minor units and an ISO 4217 code, never floats: parsing, formatting,
conversion at the user's own rate, and proration of a monthly rent to nights.

The exchange rate is the user's: home-currency units per US dollar, entered with its
date, stored as an integer in millionths (83.12 -> 83_120_000). Nothing goes online.
"""

import re
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from functools import cache

RATE_SCALE = 1_000_000  # a rate is stored in millionths of a home unit per dollar
ABSURD_UNITS = 1_000_000  # an amount over a million (in major units) is a typo
_AMOUNT = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_RATE = re.compile(r"^\d{1,9}(\.\d{1,6})?$")


def minor_digits(code: str) -> int:
    """Digits after the decimal point in the currency (USD 2, JPY 0, KWD 3);
    ValueError for a code that is not ISO 4217."""
    try:
        return minor_digits_by_code()[code.upper()]
    except KeyError:
        raise ValueError(f"{code!r} is not an ISO 4217 currency code") from None


def from_package() -> dict[str, int]:
    """ISO 4217 codes and their minor units (N.A., as for gold, counts as 0), from the
    iso4217 package, whose import parses its XML table and keeps it (1.5 MB)."""
    from iso4217 import Currency

    return {currency.code: currency.exponent or 0 for currency in Currency}


# Where the table comes from: the package, or a lighter reader of the same file that the
# app installs (services.currencies).
_source: Callable[[], dict[str, int]] = from_package


def use_currency_source(source: Callable[[], dict[str, int]]) -> None:
    global _source
    _source = source
    minor_digits_by_code.cache_clear()


@cache
def minor_digits_by_code() -> dict[str, int]:
    return _source()


def check_currency(text: str) -> str | None:
    code = text.strip().upper()
    try:
        minor_digits(code)
    except ValueError:
        return f"“{text.strip()}” is not an ISO 4217 currency code (e.g. USD, EUR, INR, NGN)"
    return None


def _parts(text: str) -> tuple[str, str] | None:
    """'1,200.50' -> ('1200', '50'); None for empty; ValueError with the reason."""
    cleaned = text.strip().replace(" ", "").lstrip("$")
    if not cleaned:
        return None
    if cleaned.startswith("-"):
        raise ValueError("an amount cannot be negative")
    if not _AMOUNT.match(cleaned):
        raise ValueError("an amount like 1200 or 1,200.50")
    whole, _, fraction = cleaned.replace(",", "").partition(".")
    if int(whole) >= ABSURD_UNITS:
        raise ValueError(f"over {ABSURD_UNITS:,}: a typo?")
    return whole, fraction


def check_amount(text: str) -> str | None:
    """A form's first look at an amount, before its currency is known."""
    try:
        _parts(text)
    except ValueError as error:
        return str(error)
    return None


def parse_amount(text: str, code: str = "USD") -> int | None:
    """'1,200.50' in USD -> 120050; '' -> None; ValueError with the reason otherwise."""
    parts = _parts(text)
    if parts is None:
        return None
    whole, fraction = parts
    digits = minor_digits(code)
    if len(fraction) > digits:
        places = f"{digits} decimal places" if digits else "no decimal places"
        raise ValueError(f"{code.upper()} has {places}")
    return int(whole) * int(10**digits) + int(fraction.ljust(digits, "0") or 0)


def amount_text(minor: int | None, code: str) -> str:
    """An amount as typed in a form: '1150', '1150.50' (no symbol, no separators)."""
    if minor is None:
        return ""
    digits = minor_digits(code)
    units, rest = divmod(minor, int(10**digits))
    return f"{units}.{rest:0{digits}d}" if rest else str(units)


def format_money(minor: int | None, code: str = "USD") -> str:
    """'$1,200.50' for dollars, '1,200.50 EUR' for the rest, '' for no amount."""
    if minor is None:
        return ""
    digits = minor_digits(code)
    sign = "-" if minor < 0 else ""
    units, rest = divmod(abs(minor), 10**digits)
    number = f"{units:,}" + (f".{rest:0{digits}d}" if digits else "")
    return f"{sign}${number}" if code.upper() == "USD" else f"{sign}{number} {code.upper()}"


def parse_rate(text: str) -> int | None:
    """'83.12' -> 83_120_000 (home units per dollar, in millionths); '' -> None."""
    cleaned = text.strip().replace(",", "")
    if not cleaned:
        return None
    if not _RATE.match(cleaned) or Fraction(cleaned) == 0:
        raise ValueError("a rate like 83.12 (how much of your currency one US dollar buys)")
    return int(Fraction(cleaned) * RATE_SCALE)


def check_rate(text: str) -> str | None:
    try:
        parse_rate(text)
    except ValueError as error:
        return str(error)
    return None


def format_rate(micros: int | None) -> str:
    """83_120_000 -> '83.12'."""
    if micros is None:
        return ""
    whole, rest = divmod(micros, RATE_SCALE)
    return f"{whole}.{rest:06d}".rstrip("0").rstrip(".")


def rounded(value: Fraction) -> int:
    """To the nearest minor unit, halves away from zero (as on a bill)."""
    sign = -1 if value < 0 else 1
    return sign * int(abs(value) + Fraction(1, 2))


def home_amount(dollars: Fraction, rate_micros: int, home: str) -> int:
    """Dollars in the home currency's minor units, at the user's rate."""
    return rounded(dollars * Fraction(rate_micros, RATE_SCALE) * 10 ** minor_digits(home))


def to_home(usd_cents: int, rate_micros: int, home: str) -> int:
    """Dollars (in cents) in the home currency's minor units, at the user's rate."""
    return home_amount(Fraction(usd_cents, 100), rate_micros, home)


def usd_amount(minor: int, code: str, rate_micros: int | None, home: str) -> Fraction | None:
    """An amount in US dollars, exactly (not rounded to a cent): itself for USD, at the
    user's rate for the home currency, None for a third currency or no rate (it cannot
    be added up honestly). Totals add these and round once, for display."""
    if code.upper() == "USD":
        return Fraction(minor, 100)
    if rate_micros is None or code.upper() != home.upper():
        return None
    return Fraction(minor, 10 ** minor_digits(code)) / Fraction(rate_micros, RATE_SCALE)


def to_usd(minor: int, code: str, rate_micros: int | None, home: str) -> int | None:
    """An amount in USD cents (see usd_amount)."""
    dollars = usd_amount(minor, code, rate_micros, home)
    return None if dollars is None else rounded(dollars * 100)


def in_both(dollars: Fraction, rate_micros: int | None, home: str) -> str:
    """'$185.07 (15,990.00 INR)': the dollars to the cent, and the home currency from the
    exact amount, so 15,990 INR entered shows as 15,990.00 INR, never 15,990.05."""
    text = format_money(rounded(dollars * 100))
    if home and rate_micros and home.upper() != "USD":
        text += f" ({format_money(home_amount(dollars, rate_micros, home), home)})"
    return text


def nights(check_in: date, check_out: date) -> list[date]:
    """The nights of a stay: one per date from check-in up to check-out (not included)."""
    return [check_in + timedelta(days=n) for n in range((check_out - check_in).days)]


def _month_days(day: date) -> int:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (following - date(day.year, day.month, 1)).days


def prorate(monthly_minor: int, check_in: date, check_out: date) -> int:
    """A monthly rent for the nights of a stay: each night costs the month's rent over
    that month's days (so February nights cost more), rounded once, at the end."""
    total = sum(
        (Fraction(monthly_minor, _month_days(night)) for night in nights(check_in, check_out)),
        Fraction(0),
    )
    return rounded(total)
