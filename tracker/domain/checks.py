"""Value checks shared by forms, the CLI and imports: each returns an error message or None."""

import contextlib
import dataclasses
import functools
import re
from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, TypeVar

from tracker.domain.text import clean_text

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Check = Callable[[str], str | None]

# Field limits, the same for forms, CSV imports and the store.
NAME_MAX = 200  # names, titles, e-mails and other one-line text
LINK_MAX = 2_000  # web addresses
TEXT_MAX = 20_000  # notes and journal text
FIRST_YEAR, LAST_YEAR = 2000, 2100

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_MONEY = re.compile(r"^\d{1,9}([.,]\d{1,2})?$")


def parse_date(text: str) -> date:
    """Parse a strict ISO date (YYYY-MM-DD); raises ValueError otherwise."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError("use the form YYYY-MM-DD")
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("no such date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"the year must be between {FIRST_YEAR} and {LAST_YEAR}")
    return day


def check_date(text: str) -> str | None:
    if not text.strip():
        return None
    try:
        parse_date(text)
    except ValueError as error:
        return f"'{text.strip()[:40]}' is not a date: {error}"
    return None


def check_required(text: str) -> str | None:
    return None if text.strip() else "required"


def max_length(limit: int) -> Check:
    def check(text: str) -> str | None:
        if len(text) <= limit:
            return None
        return f"at most {limit:,} characters (this has {len(text):,})"

    return check


# The usual check lists of a field, for the areas' check tables.
REQUIRED_NAME: tuple[Check, ...] = (check_required, max_length(NAME_MAX))
SHORT_TEXT: tuple[Check, ...] = (max_length(NAME_MAX),)
LONG_TEXT: tuple[Check, ...] = (max_length(TEXT_MAX),)
DATE: tuple[Check, ...] = (check_date,)


def check_email(text: str) -> str | None:
    if not text.strip() or _EMAIL.match(text.strip()):
        return None
    return "not an e-mail address"


def check_money(text: str) -> str | None:
    if not text.strip():
        return None
    cleaned = text.strip().replace(" ", "").lstrip("$")
    if _MONEY.match(cleaned.replace(",", "")) or _MONEY.match(cleaned):
        return None
    return "not an amount (e.g. 1200 or 1200.50)"


def parse_money(text: str) -> int | None:
    """Amount text to integer cents ('1,200.50' -> 120050); None when empty."""
    if error := check_money(text):
        raise ValueError(error)
    cleaned = text.strip().replace(" ", "").lstrip("$")
    if not cleaned:
        return None
    if re.search(r",\d{1,2}$", cleaned) and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")  # decimal comma: 12,50
    cleaned = cleaned.replace(",", "")
    whole, _, fraction = cleaned.partition(".")
    return int(whole) * 100 + int((fraction + "00")[:2])


def format_cents(cents: int | None, currency: str = "USD") -> str:
    if cents is None:
        return ""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    symbol = "$" if currency == "USD" else f"{currency} "
    text = f"{sign}{symbol}{whole:,}"
    return text if fraction == 0 else f"{text}.{fraction:02d}"


def int_range(low: int, high: int) -> Check:
    def check(text: str) -> str | None:
        if not text.strip():
            return None
        if not re.fullmatch(r"-?\d+", text.strip()):
            return "a whole number"
        if not low <= int(text) <= high:
            return f"between {low} and {high}"
        return None

    return check


def first_errors(values: dict[str, str], checks: dict[str, tuple[Check, ...]]) -> dict[str, str]:
    """Field name -> the first failing check's message, for text values of a form or row."""
    errors = {}
    for field, field_checks in checks.items():
        value = values.get(field)
        if not value:
            message = _verdict_on_empty(field_checks)
        else:
            value = clean_text(value) or ""  # checked as it will be stored
            message = None
            for check in field_checks:
                if message := check(value):
                    break
        if message:
            errors[field] = message
    return errors


@functools.lru_cache(maxsize=1024)
def _verdict_on_empty(checks: tuple[Check, ...]) -> str | None:
    # A check reads only its text, so its verdict on an empty field never changes: a row
    # of a CSV file leaves most fields empty (10,000 rows, a dozen checks each).
    return next((message for check in checks if (message := check(""))), None)


SQLITE_INT_LIMIT = 2**63  # SQLite keeps whole numbers in 64 bits


@functools.cache
def _choices(cls: type) -> tuple[tuple[str, frozenset[str] | None], ...]:
    """Each field of a record class, with its allowed values when it is a choice (once
    per class: the import checks ten thousand records)."""
    return tuple(
        (f.name, frozenset(type(f.default)) if isinstance(f.default, StrEnum) else None)
        for f in dataclasses.fields(cls)
    )


# Frozen records made from text that passed an area's checks carry a note naming those
# checks: the store's last look does not repeat them (an import of 10,000 rows checked
# each row twice). The note is not a field: a changed copy (dataclasses.replace) has
# none and is checked again, and equality, export and storage never see it.
R = TypeVar("R", bound="DataclassInstance")
_NOTE = "_passed_checks"


def passed(record: R, checks: dict[str, tuple[Check, ...]]) -> R:
    """record, noted as made from text that passed checks (it is frozen: it stays so)."""
    with contextlib.suppress(AttributeError):  # a record with slots takes no note
        object.__setattr__(record, _NOTE, checks)
    return record


def _is_passed(record: "DataclassInstance", checks: dict[str, tuple[Check, ...]]) -> bool:
    return getattr(record, _NOTE, None) is checks


def field_texts(record: "DataclassInstance", leave_out: tuple[str, ...] = ()) -> dict[str, str]:
    """A record's fields as a form's text: None as empty, everything else as str()."""
    return {
        field.name: "" if (value := getattr(record, field.name)) is None else str(value)
        for field in dataclasses.fields(record)
        if field.name not in leave_out
    }


def record_errors(
    record: "DataclassInstance", checks: dict[str, tuple[Check, ...]]
) -> dict[str, str]:
    """The store's last look at a record: its fields against the area's checks (numbers
    as the form would have read them), and every whole number against what SQLite can
    hold (amounts in cents never negative). Links to other records: the schema."""
    if _is_passed(record, checks):
        return {}
    values = vars(record)  # read once: an import checks ten thousand records
    errors = {}
    for name, members in _choices(type(record)):
        value = values[name]
        message = None
        number = isinstance(value, int) and not isinstance(value, bool)
        # None (no value) or not text: the schema has the last word.
        if isinstance(value, str) or number:
            text = clean_text(str(value)) or ""  # checked as it will be stored
            message = next((m for check in checks.get(name, ()) if (m := check(text))), None)
        if message is None and members is not None and value not in members:
            # The form reads aliases ("university" for academic); the file keeps the name.
            message = "one of " + ", ".join(sorted(members))
        if message is None and number:
            if not -SQLITE_INT_LIMIT <= value < SQLITE_INT_LIMIT:
                message = "too large a number"
            elif name.endswith("_cents") and value < 0:
                message = "an amount cannot be negative"
        if message is not None:
            errors[name] = message
    return errors


def member_of(enum: type[StrEnum]) -> Check:
    """Exactly one of the enum's values, or nothing (an optional choice)."""

    members = frozenset(enum)

    def check(text: str) -> str | None:
        return None if text == "" or text in members else "one of " + ", ".join(enum)

    return check


class InvalidValues(ValueError):
    """Values refused before anything was written: field name -> reason."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{field}: {reason}" for field, reason in errors.items()))
