"""Cleaning of user text before it is stored."""

import re

# NUL breaks C strings in SQLite tools; lone surrogates cannot be encoded as UTF-8.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def clean_text(value: str | None) -> str | None:
    """Drop NUL characters and lone surrogates; keep everything else as typed."""
    if value is None:
        return None
    return _UNSTORABLE.sub("", value)
