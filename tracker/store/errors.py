"""One sentence per failure, naming its real cause; shared by the command line and the TUI."""

import errno
import shutil
import sqlite3
from pathlib import Path

from tracker.store.db import StoreError

NOTHING_SAVED = "nothing was saved"
FULL_BELOW_BYTES = 1024 * 1024

# SQLite messages that mean the file itself is damaged, not the disk or the permissions.
_DAMAGE = ("file is not a database", "malformed", "file is encrypted")


def is_damage(error: sqlite3.Error) -> bool:
    return any(words in str(error).lower() for words in _DAMAGE)


def _disk_is_full(path: Path | str | None) -> bool:
    """SQLite reports a full disk as an I/O error when it cannot grow its -shm file."""
    folder = Path(path).parent if path else Path.cwd()
    try:
        return shutil.disk_usage(folder).free < FULL_BELOW_BYTES
    except OSError:
        return False


def _file_size_limited() -> bool:
    """A limit on file size (ulimit -f) makes SQLite's writes fail as an I/O error."""
    try:
        import resource
    except ImportError:  # not on every OS
        return False
    return resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY


def _sqlite_cause(error: sqlite3.Error, where: str, path: Path | str | None) -> str:
    text = str(error).lower()
    if "disk is full" in text or ("i/o error" in text and _disk_is_full(path)):
        return f"the disk is full; {NOTHING_SAVED}"
    if "readonly" in text or "read-only" in text:
        return f"{where} is read-only (the file or its folder cannot be written); {NOTHING_SAVED}"
    if "locked" in text or "busy" in text:
        return (
            f"another Away (or another program) is writing to {where} and did not "
            f"finish within 10 seconds; {NOTHING_SAVED}, try again"
        )
    if "disk i/o error" in text and _file_size_limited():
        return (
            f"{where} may not grow past this session's file-size limit (ulimit -f); {NOTHING_SAVED}"
        )
    if "disk i/o error" in text:
        return f"the disk reported an input/output error while using {where}; {NOTHING_SAVED}"
    if "unable to open" in text:
        return f"{where} cannot be opened (check that it and its folder are readable)"
    if "could not decode" in text:  # SQLite's message quotes the text: never echoed
        return f"{where} holds text that is not valid UTF-8; run 'away check' to see where"
    if isinstance(error, sqlite3.IntegrityError):
        return f"{rule_broken(error)}; {NOTHING_SAVED}"
    if is_damage(error):
        return f"{where} is damaged ({error}); run 'away check' and restore the newest backup"
    return f"the database could not be used ({error}); {NOTHING_SAVED}"


def rule_broken(error: sqlite3.IntegrityError) -> str:
    """A constraint SQLite enforced, in words rather than its SQL."""
    text = str(error)
    detail = text.split(":", 1)[1].strip() if ":" in text else ""
    columns = ", ".join(
        part.strip().split(".")[-1].replace("_", " ") for part in detail.split(",") if part
    )
    if text.startswith("UNIQUE"):
        return f"a record with the same {columns} is saved already"
    if text.startswith("NOT NULL"):
        return f"{columns} is required"
    if text.startswith("FOREIGN KEY"):
        return "a record refers to another that does not exist"
    if text.startswith("CHECK"):
        # "planned_cents >= 0" or "status IN (...)": name the column, not the SQL.
        name = detail.split()[0].replace("_", " ") if detail else "a value"
        return f"a value of {name} is outside what Away allows"
    return "the change conflicts with data already saved"


def _os_cause(error: OSError) -> str:
    name = error.filename or "a file"
    if error.errno == errno.ENOSPC or error.errno == errno.EDQUOT:
        return f"the disk is full; {NOTHING_SAVED}"
    if error.errno == errno.EROFS:
        return f"{name} is on a read-only disk; {NOTHING_SAVED}"
    if isinstance(error, PermissionError):
        return f"permission denied for {name}"
    if isinstance(error, IsADirectoryError):
        return f"{name} is a folder, not a file"
    if isinstance(error, FileNotFoundError):
        return f"{name} does not exist"
    if isinstance(error, NotADirectoryError):
        return f"a part of {name} is a file, not a folder"
    return f"cannot use {name}: {error.strerror or error}"


def explain(error: BaseException, path: Path | str | None = None) -> str:
    """A one-sentence message for a store, SQLite or OS error (no trailing full stop)."""
    where = str(path) if path else "the database"
    if isinstance(error, StoreError):
        return str(error).rstrip(".")
    if isinstance(error, sqlite3.Error):
        return _sqlite_cause(error, where, path)
    if isinstance(error, OSError):
        return _os_cause(error)
    return f"{type(error).__name__}: {error}"


def is_explainable(error: BaseException) -> bool:
    return isinstance(error, (StoreError, sqlite3.Error, OSError))
