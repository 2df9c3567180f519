"""Backups: dated copies made with VACUUM INTO, private and integrity-checked.

Several Away processes may back up at once: each writes its own temporary file and puts
it in place without replacing an existing backup, so they never share a half-written file.
"""

import contextlib
import os
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

from tracker.store.db import glob_escape, publish, readonly_uri, remove_stale, temp_name

KEEP_DAILY = 14


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


def _daily_backups(db_path: Path) -> list[Path]:
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    # Names are <stem>-YYYY-MM-DD.db, so sorting by name is sorting by date.
    return sorted(folder.glob(f"{glob_escape(db_path.stem)}-????-??-??.db"))


def _is_backup_of(name: str, stem: str) -> bool:
    # Daily, manual and before-* copies; not "away-demo-…", the demo's own backups.
    pattern = (
        rf"{re.escape(stem)}-(\d{{4}}-\d{{2}}-\d{{2}}|manual-[\d-]+|"
        rf"before-[a-z-]+-[\d-]+)\.db"
    )
    return re.fullmatch(pattern, name) is not None


def newest_backup(db_path: Path) -> Path | None:
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return None
    candidates = [p for p in folder.glob("*.db") if _is_backup_of(p.name, db_path.stem)]
    return max(candidates, key=lambda p: p.stat().st_mtime) if candidates else None


def clean_leftovers(db_path: Path) -> None:
    """Remove temporary files of backups whose process was killed."""
    folder = backup_dir(db_path)
    if folder.is_dir():
        remove_stale(folder, "*.partial")


def _new_partial(folder: Path, name: str) -> Path:
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
    partial = temp_name(folder / name, "partial")
    # Created 0600 first: VACUUM INTO fills an empty file and keeps its mode.
    try:
        os.close(os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:  # name the folder, not our temporary file
        raise type(error)(error.errno, error.strerror, str(folder)) from None
    return partial


def _vacuum_checked(conn: sqlite3.Connection, partial: Path) -> None:
    conn.execute("VACUUM INTO ?", [str(partial)])
    check = sqlite3.connect(readonly_uri(partial, immutable=True), uri=True)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        raise sqlite3.DatabaseError(f"backup failed its integrity check: {result}")


def write_backup(conn: sqlite3.Connection, target: Path) -> Path:
    """VACUUM INTO a private temporary file, check it, then put it at target.

    FileExistsError when target exists (a backup is never replaced).
    """
    if target.exists():
        raise FileExistsError(target)
    partial = _new_partial(target.parent, target.name)
    try:
        _vacuum_checked(conn, partial)
        publish(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def publish_unique(temp: Path, db_path: Path, kind: str) -> Path:
    """Put temp in backups/ as <stem>-<kind>-<UTC time>.db, adding -2, -3 … if taken."""
    from datetime import UTC, datetime

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    base = backup_dir(db_path) / f"{db_path.stem}-{kind}-{stamp}"
    for attempt in range(1, 100):
        target = Path(f"{base}.db" if attempt == 1 else f"{base}-{attempt}.db")
        with contextlib.suppress(FileExistsError):
            publish(temp, target)
            return target
    raise FileExistsError(base)


def write_unique_backup(conn: sqlite3.Connection, db_path: Path, kind: str) -> Path:
    """A checked backup named <stem>-<kind>-<UTC time>.db; never replaces another."""
    partial = _new_partial(backup_dir(db_path), f"{db_path.stem}-{kind}.db")
    try:
        _vacuum_checked(conn, partial)
        return publish_unique(partial, db_path, kind)
    finally:
        partial.unlink(missing_ok=True)


def copy_unique(source: Path, db_path: Path, kind: str) -> Path:
    """A byte-for-byte private copy (of a damaged file, which VACUUM cannot read)."""
    partial = _new_partial(backup_dir(db_path), f"{db_path.stem}-{kind}.db")
    try:
        with open(source, "rb") as src, open(partial, "wb") as dst:
            shutil.copyfileobj(src, dst)
        return publish_unique(partial, db_path, kind)
    finally:
        partial.unlink(missing_ok=True)


def backup_before_upgrade(conn: sqlite3.Connection, db_path: Path) -> Path:
    return write_unique_backup(conn, db_path, "before-upgrade")


def daily_backup(conn: sqlite3.Connection, db_path: Path, today: date) -> Path | None:
    """On the first open of the day, copy the database; keep the newest KEEP_DAILY."""
    clean_leftovers(db_path)
    target = backup_dir(db_path) / f"{db_path.stem}-{today.isoformat()}.db"
    if target.exists():
        return None
    try:
        write_backup(conn, target)
    except FileExistsError:  # another process made today's copy at the same moment
        return None
    for old in _daily_backups(db_path)[:-KEEP_DAILY]:
        old.unlink(missing_ok=True)
    return target
