"""Cleaning of user text before it is stored."""

import difflib
import re
import unicodedata
from collections.abc import Sequence
from datetime import date

# NUL breaks C strings in SQLite tools; lone surrogates cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


# Characters a terminal obeys instead of printing: C0 controls but tab and newline, DEL,
# C1 controls (0x9b is CSI on some terminals) and the bidi overrides that reorder a line.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SHOWN = "\ufffd"  # for controls without a picture of their own


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␛ … ␟: Unicode's pictures of the C0 controls
    return "\u2421" if code == 0x7F else _SHOWN  # ␡


def visible(value: str) -> str:
    """Stored text as it may reach a screen: every control character (escape sequences,
    NUL, bell, bidi overrides) replaced by a visible sign, one character for one, so the
    terminal prints it instead of obeying it. Newlines and tabs stay."""
    if value.isascii() and value.isprintable():  # the common case, without a regex
        return value
    return _CONTROLS.sub(_picture, value)


def clean_text(value: str | None) -> str | None:
    """Drop NUL characters and lone surrogates; keep everything else as typed."""
    if value is None:
        return None
    if value.isascii() and "\x00" not in value:  # the common case, without a regex
        return value
    return _UNSTORABLE.sub("", value)


# Letters that Unicode does not decompose into a base letter and a mark.
_UNMARKED = str.maketrans(
    {"ø": "o", "đ": "d", "ł": "l", "ħ": "h", "ı": "i", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d"}
)


def fold(value: str | None) -> str | None:
    """Text for matching, blind to case and accents: 'Saint-Éloi' -> 'saint-eloi',
    'Ñúñez' -> 'nunez'. Works for every alphabet: marks are dropped, letters kept."""
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_UNMARKED)


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 program', '4 programs', '2 journal days'; many for irregular words."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def in_days(days: int) -> str:
    """'today', 'in 1 day', 'in 5 days': how far ahead, in words."""
    return "today" if days == 0 else f"in {plural(days, 'day')}"


def words(value: str | None) -> str:
    """A stored choice as words: 'packet_sent' -> 'packet sent'."""
    return (value or "").replace("_", " ")


SHOWN_PROBLEMS = 2  # a mix line stays one or two lines, even with hundreds of blocks


def summarise(problems: list[str]) -> str:
    """'A; B' or 'A; B; and 198 more': the worst offenders first, then a count."""
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    rest = len(problems) - SHOWN_PROBLEMS
    return f"{shown}; and {rest} more" if rest > 0 else shown


class NotFound(LookupError):
    """One sentence: nothing of that name, or several match (with the close names)."""


def one_named(names: Sequence[str], text: str, nothing: str, many: str) -> int:
    """The index of the one name text means: equal (ignoring case and accents), else the
    only one containing it. NotFound otherwise, with the close names: nothing says "No
    one called “{text}” is in Away", many says "people"."""
    wanted = fold(text.strip()) or ""
    folded = [fold(name) or "" for name in names]
    exact = [i for i, name in enumerate(folded) if name == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = [i for i, name in enumerate(folded) if wanted and wanted in name]
    if len(partial) == 1 and not exact:
        return partial[0]
    matches = exact or partial

    def listed(indexes: list[int]) -> str:
        return ", ".join(f"“{names[i]}”" for i in indexes[:5])

    if not matches:
        close = set(difflib.get_close_matches(wanted, folded, n=3, cutoff=0.5))
        matches = [i for i, name in enumerate(folded) if name in close]
        hint = f"; did you mean {listed(matches)}?" if matches else "."
        raise NotFound(nothing.format(text=text.strip()) + hint)
    raise NotFound(f"“{text.strip()}” matches {len(matches)} {many}: {listed(matches)}.")


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def with_year(when: date) -> str:
    return f"{when.day} {MONTHS[when.month - 1]} {when.year}"


def without_year(when: date) -> str:
    return f"{when.day} {MONTHS[when.month - 1]}"


def block_dates(starts_on: str | None, ends_on: str | None) -> str:
    """A rotation block, short: '8 Apr – 5 May 2026'."""
    if not starts_on:
        return ""
    start = date.fromisoformat(starts_on)
    if not ends_on:
        return with_year(start) + " –"
    end = date.fromisoformat(ends_on)
    head = without_year(start) if start.year == end.year else with_year(start)
    return f"{head} – {with_year(end)}"


_MARKDOWN_MARKS = re.compile(r"([\\`*_<>\[\]])")


def markdown_escaped(text: str) -> str:
    """Text read as Markdown shows as typed: its marks (* _ < [ ` \\) are escaped."""
    return _MARKDOWN_MARKS.sub(r"\\\1", text)
