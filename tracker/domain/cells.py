"""One stored value, checked on its own: what `away check` and the JSON import ask of
every cell of every table before the area's own checks (domain/checks.py) see it.
Problems name the column and the rule, never the value (it may be journal text)."""

import re
from datetime import datetime

from tracker.domain.checks import SQLITE_INT_LIMIT, TEXT_MAX, parse_date

# Columns that hold a date (YYYY-MM-DD) or a UTC timestamp, by Away's naming.
DATE_COLUMN = re.compile(r"(_on|^day|^week_of|^valid_until|^check_in|^check_out)$")
TIMESTAMP_COLUMN = re.compile(r"_at$")


def cell_problem(column: str, value: object) -> str | None:
    """Why value cannot be kept in column, or None."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return "not a text or a number"
    if not isinstance(value, str) and (
        DATE_COLUMN.search(column) or TIMESTAMP_COLUMN.search(column)
    ):
        return "not a date (a number where a date belongs)"
    if isinstance(value, int):
        return None if -SQLITE_INT_LIMIT <= value < SQLITE_INT_LIMIT else "too large a number"
    if isinstance(value, float):
        return None if value == value and abs(value) != float("inf") else "not a number"
    return text_problem(column, value)


def text_problem(column: str, text: str) -> str | None:
    if "\x00" in text:
        return "holds a NUL character"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "holds a broken character (a lone surrogate)"
    if len(text) > TEXT_MAX:
        return f"longer than {TEXT_MAX:,} characters ({len(text):,})"
    if DATE_COLUMN.search(column) and text:
        try:
            parse_date(text)
        except ValueError as error:
            return f"not a real date ({error})"
    if TIMESTAMP_COLUMN.search(column) and text:
        try:
            datetime.fromisoformat(text)
        except ValueError:
            return "not a date and time (ISO 8601)"
    return None
