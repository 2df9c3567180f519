"""Short display forms of stored values, shared by the panes.

Dates are formatted with the standard library: pendulum's format() costs about 80 µs a
call, which is most of the time a long table takes to fill.
"""

from datetime import date

from tracker.domain.text import block_dates, with_year, without_year, words

block = block_dates  # '8 Apr – 5 May 2026' (domain.text: the exports use it too)
_with_year, _without_year = with_year, without_year


def label(value: str | None) -> str:
    """An enum value as words: 'packet_sent' -> 'packet sent'."""
    return words(value)


def short_date(iso: str | None) -> str:
    """'28 Oct 2026': the one date style."""
    return _with_year(date.fromisoformat(iso)) if iso else ""


def long_date(when: date) -> str:
    """'Wednesday 15 July 2026'."""
    return f"{when:%A} {when.day} {when:%B %Y}"


def weekday_date(when: date) -> str:
    """'Wed 15 Jul 2026'."""
    return f"{when:%a} {_with_year(when)}"


def day(when: date, today: date) -> str:
    """'28 Oct' in the current year, '28 Oct 2027' otherwise."""
    return _without_year(when) if when.year == today.year else _with_year(when)


def relative_days(iso: str | None, today: date) -> str:
    """'today', 'in 5 days', 'overdue 2 days'."""
    if not iso:
        return ""
    days = date.fromisoformat(iso).toordinal() - today.toordinal()
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 0:
        return f"in {days} days"
    return "overdue 1 day" if days == -1 else f"overdue {-days} days"


def excerpt(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


def short_block(starts_on: str | None, ends_on: str | None, today: date) -> str:
    """A block for narrow cells: '8 Apr – 5 May' this year, '26 Jan – 22 Feb 2027' else."""
    if not starts_on:
        return ""
    start = date.fromisoformat(starts_on)
    if not ends_on:
        return f"{day(start, today)} –"
    end = date.fromisoformat(ends_on)
    head = _without_year(start) if start.year == end.year else _with_year(start)
    return f"{head} – {day(end, today)}"
