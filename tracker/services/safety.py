"""Backup, restore and health check of the database file."""

import os
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.store import tables
from tracker.store.backups import (
    copy_unique,
    daily_backup,
    newest_backup,
    write_backup,
    write_unique_backup,
)
from tracker.store.db import (
    AwayDatabase,
    Inspection,
    StoreError,
    connect,
    connect_readonly,
    exclusive_lock,
    inspect_file,
    migrate,
    open_db,
    open_readonly,
    schema_version,
    temp_name,
)
from tracker.store.errors import explain
from tracker.store.rows import count

DATA_TABLES = (
    "profile",
    "programs",
    "rotations",
    "checklist_items",
    "housing_options",
    "expenses",
    "journal_days",
    "cases",
    "people",
    "letters",
    "follow_ups",
)


def open_user_db(
    path: Path, today: date | None = None, inspection: Inspection | None = None
) -> tuple[AwayDatabase, str | None]:
    """Open the user's database; on the first open of the day, back it up first.

    A backup that cannot be made never stops the opening: the second value says why.
    inspection: the check of the file, begun earlier (store.db.Inspection).
    """
    existed = path.exists()
    if existed and not _writable(path):
        db = open_readonly(path, inspection)
        return db, (
            f"{path} is opened read-only: you may read everything but "
            "change nothing (the file or its folder cannot be written)"
        )
    db = open_db(path, inspection)
    warning = None
    if existed:
        try:
            daily_backup(db.conn, path, today or date.today())
        except (sqlite3.Error, OSError) as error:
            warning = f"today's backup could not be made: {explain(error, path)}"
    return db, warning


def _writable(path: Path) -> bool:
    # WAL needs to create -wal and -shm beside the file, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def backup_to(db_path: Path, out: Path | None = None) -> Path:
    """Write a checked, private copy of the database; to backups/ unless out is given.

    Reads the database read-only, so it works on a read-only file or folder with --out.
    """
    db = open_readonly(db_path)
    try:
        if out is None:
            return write_unique_backup(db.conn, db_path, "manual")
        if os.path.lexists(out):  # (a broken symbolic link too: never followed)
            raise StoreError(f"{out} already exists; choose another --out path.")
        try:
            return write_backup(db.conn, out)
        except FileExistsError:
            raise StoreError(f"{out} already exists; choose another --out path.") from None
    finally:
        db.close()


def restore_from(db_path: Path, source: Path) -> Path | None:
    """Replace the database with source (checked first); returns the copy kept of the old one.

    Refused while any Away process has the database open: its later writes would go to
    the replaced file and be lost.
    """
    if not source.exists():
        raise StoreError(f"{source} does not exist.")
    inspect_file(source, name_backup=False)
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise StoreError(f"{source} is the database itself; choose a backup to restore.")
    if not db_path.parent.exists():
        db_path.parent.mkdir(parents=True, mode=0o700)
    with exclusive_lock(db_path):
        kept = _keep_current(db_path)
        staging = temp_name(db_path, "restoring")
        os.close(os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            src = connect_readonly(source)
            dst = sqlite3.connect(str(staging))
            try:
                src.backup(dst)  # consistent copy even if the source is in WAL mode
            finally:
                src.close()
                dst.close()
            staged = connect(staging, lock=False)
            try:
                migrate(staged)  # bring an older backup up to this schema before it goes live
            finally:
                staged.close()
            for suffix in ("-wal", "-shm"):
                Path(f"{db_path}{suffix}").unlink(missing_ok=True)
            os.replace(staging, db_path)
            os.chmod(db_path, 0o600)
        finally:
            staging.unlink(missing_ok=True)
    return kept


def _keep_current(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    try:
        inspect_file(db_path)
    except StoreError:
        # A damaged file is kept byte for byte; it may still hold something worth saving.
        return copy_unique(db_path, db_path, "damaged")
    db = connect(db_path, lock=False)
    try:
        return write_unique_backup(db.conn, db_path, "before-restore")
    finally:
        db.close()


@dataclass(frozen=True)
class HealthReport:
    path: Path
    size_bytes: int
    mode: int
    integrity: str
    schema_steps: int
    schema_latest: str
    counts: dict[str, int]
    newest_backup: Path | None
    value_problems: tuple[list[str], int] = ([], 0)  # (the first ones named, how many)

    @property
    def healthy(self) -> bool:
        return self.integrity == "ok" and self.mode & 0o077 == 0 and not self.value_problems[1]


def check(db_path: Path) -> HealthReport:
    """Integrity, schema version and row counts, read-only; StoreError if refused."""
    db = open_readonly(db_path)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        steps, latest = schema_version(db)
        if steps == 0:
            raise StoreError(
                f"{db_path} is an empty SQLite file that Away has not set up "
                "yet; open it with away to do so."
            )
        counts = {table: count(db, table) for table in DATA_TABLES}
        values = tables.value_problems(db) if integrity == "ok" else ([], 0)
    finally:
        db.close()
    return HealthReport(
        path=db_path,
        size_bytes=db_path.stat().st_size,
        mode=db_path.stat().st_mode & 0o777,
        integrity=integrity,
        schema_steps=steps,
        schema_latest=latest,
        counts=counts,
        newest_backup=newest_backup(db_path),
        value_problems=values,
    )
