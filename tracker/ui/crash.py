"""What an unexpected error leaves behind: a private log without local variables."""

import os
import tempfile
import traceback
from pathlib import Path

LOG_NAME = "away-errors.log"


def write_crash_log(db_path: Path, error: BaseException | None) -> Path:
    """Append the traceback (code lines only: no local variables, so no journal text) to
    away-errors.log beside the database, or in the temporary folder if that fails."""
    from tracker.store.rows import now_utc

    stamp = now_utc()
    lines = traceback.format_exception(error) if error else ["no exception recorded\n"]
    text = f"--- {stamp}\n{''.join(lines)}"
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
