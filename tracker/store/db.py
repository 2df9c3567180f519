"""Opening the database file safely: header check, pragmas, quick_check, migrations."""

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from tracker.store.schema import KNOWN_STEPS, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
APP_NAME = "away-rotation-tracker"


class StoreError(Exception):
    """A database problem to show the user as one sentence; nothing was written."""


def default_db_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME) / "away.db"


def _refusal(path: Path, reason: str) -> StoreError:
    from tracker.store.backups import newest_backup

    backup = newest_backup(path)
    hint = (
        f"the newest backup is {backup} (restore it with: away restore {backup})"
        if backup
        else "no backup of it was found"
    )
    return StoreError(f"{path} {reason}; it was left untouched and {hint}.")


def applied_steps(conn: sqlite3.Connection) -> list[str] | None:
    """Names of applied Away migration steps; None when the file has no migrations table."""
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
        [MIGRATIONS.migrations_table],
    ).fetchone()
    if not has_table:
        return None
    rows = conn.execute(
        f"SELECT name FROM {MIGRATIONS.migrations_table} "
        "WHERE migration_set = ? ORDER BY rowid",
        [MIGRATIONS.name],
    )
    return [name for (name,) in rows]


def inspect_file(path: Path) -> None:
    """Refuse (StoreError) a file that exists but is not a healthy Away database.

    Reads only: the header is checked before SQLite touches the file, because SQLite
    would silently turn an empty or foreign file into a new database.
    """
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    with open(path, "rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if not header:
        raise _refusal(path, "is empty, not an Away database")
    if header != SQLITE_HEADER:
        raise _refusal(path, "is not an Away database (it is not a SQLite file)")
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                raise _refusal(path, "is damaged (SQLite's quick_check failed)")
            tables = conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
            ).fetchone()[0]
            steps = applied_steps(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise _refusal(path, f"cannot be read as a database ({error})") from None
    if tables and not steps:
        raise _refusal(path, "is another program's SQLite database, not Away's")
    unknown = [name for name in steps or [] if name not in KNOWN_STEPS]
    if unknown:
        raise _refusal(
            path, f"was written by a newer version of Away (schema step {unknown[-1]}); "
            "update Away to open it"
        )


def _create_private(path: Path) -> None:
    """Create the folder 0700 and the file 0600 before SQLite opens it."""
    if not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700)
        os.chmod(path.parent, 0o700)  # mkdir's mode is filtered by the umask
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)


def connect(path: Path) -> Database:
    """A connection with Away's pragmas; no checks, no migrations (for worker threads)."""
    conn = sqlite3.connect(str(path), timeout=10)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 10000")
    # Away uses no sqlite-utils plugins; skipping them saves an entry-point scan at start.
    return Database(conn, execute_plugins=False)


def open_db(path: Path | str) -> Database:
    """Open (creating if missing) an Away database, checked and migrated to this version."""
    path = Path(path).expanduser()
    inspect_file(path)
    if not path.exists():
        _create_private(path)
    db = connect(path)
    MIGRATIONS.apply(db)
    return db


def schema_version(db: Database) -> tuple[int, str]:
    """(number of applied steps, name of the latest one)."""
    steps = applied_steps(db.conn) or []
    return len(steps), (steps[-1] if steps else "")
