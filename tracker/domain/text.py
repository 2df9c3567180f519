"""Cleaning of user text before it is stored."""

import re
import unicodedata

# NUL breaks C strings in SQLite tools; lone surrogates cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


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


def words(value: str | None) -> str:
    """A stored choice as words: 'packet_sent' -> 'packet sent'."""
    return (value or "").replace("_", " ")


SHOWN_PROBLEMS = 2  # a mix line stays one or two lines, even with hundreds of blocks


def summarise(problems: list[str]) -> str:
    """'A; B' or 'A; B; and 198 more': the worst offenders first, then a count."""
    shown = "; ".join(problems[:SHOWN_PROBLEMS])
    rest = len(problems) - SHOWN_PROBLEMS
    return f"{shown}; and {rest} more" if rest > 0 else shown
