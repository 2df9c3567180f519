"""Short display forms of stored values, shared by the panes."""

import pendulum


def label(value: str | None) -> str:
    """An enum value as words: 'packet_sent' -> 'packet sent'."""
    return (value or "").replace("_", " ")


def short_date(iso: str | None) -> str:
    if not iso:
        return ""
    return pendulum.Date.fromisoformat(iso).format("D MMM YYYY")


def relative_days(iso: str | None, today: pendulum.Date) -> str:
    """'today', 'in 5 days', 'overdue 2 days'."""
    if not iso:
        return ""
    days = (pendulum.Date.fromisoformat(iso) - today).days
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


def block(starts_on: str | None, ends_on: str | None) -> str:
    """A rotation block, short: '8 Apr – 5 May 2026'."""
    if not starts_on:
        return ""
    start = pendulum.Date.fromisoformat(starts_on)
    if not ends_on:
        return start.format("D MMM YYYY") + " –"
    end = pendulum.Date.fromisoformat(ends_on)
    head = start.format("D MMM") if start.year == end.year else start.format("D MMM YYYY")
    return f"{head} – {end.format('D MMM YYYY')}"


def short_block(starts_on: str | None, ends_on: str | None, today: pendulum.Date) -> str:
    """A block for narrow cells: '8 Apr – 5 May' this year, '26 Jan – 22 Feb 2027' else."""
    if not starts_on:
        return ""
    start = pendulum.Date.fromisoformat(starts_on)
    if not ends_on:
        return f"{day(start, today)} –"
    end = pendulum.Date.fromisoformat(ends_on)
    head = start.format("D MMM") if start.year == end.year else start.format("D MMM YYYY")
    return f"{head} – {day(end, today)}"


def day(date: pendulum.Date, today: pendulum.Date) -> str:
    """'28 Oct' in the current year, '28 Oct 2027' otherwise: the one date style."""
    return date.format("D MMM") if date.year == today.year else date.format("D MMM YYYY")
