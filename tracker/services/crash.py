"""What an unexpected error leaves behind: a private log without local variables."""

import os
import tempfile
import traceback
from pathlib import Path

LOG_NAME = "away-errors.log"


def report(error: BaseException) -> str:
    """The traceback of error and of the errors it came from: where each happened (files,
    lines, functions, code) and its type. No messages and no local variables: a message
    can quote the text that caused it (a markup error quotes the journal line)."""
    parts: list[str] = []
    seen: set[int] = set()
    current: traceback.TracebackException | None = traceback.TracebackException.from_exception(
        error
    )
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = getattr(current, "exc_type_str", None) or getattr(current.exc_type, "__name__", "?")
        parts = [
            "Traceback (most recent call last):\n",
            *current.stack.format(),
            f"{kind} (its message is left out: it may quote your data)\n",
            *(["The above caused:\n"] if parts else []),
            *parts,
        ]
        current = current.__cause__ or current.__context__
    return "".join(parts)


def write_crash_log(db_path: Path, error: BaseException | None) -> Path:
    """Append the traceback (code lines and error types only: no messages, no local
    variables, so no journal text) to away-errors.log beside the database, or in the
    temporary folder if that fails."""
    from tracker.store.rows import now_utc

    stamp = now_utc()
    text = f"--- {stamp}\n{report(error) if error else 'no exception recorded'}\n"
    for folder in (db_path.parent, Path(tempfile.gettempdir())):
        log = folder / LOG_NAME
        try:
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as handle:
                handle.write(text)
            return log
        except OSError:
            continue
    return Path(LOG_NAME)
