"""Backup, restore and health check of the database file."""

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pendulum

from tracker.store.backups import backup_dir, daily_backup, newest_backup, write_backup
from tracker.store.db import StoreError, connect, inspect_file, open_db, schema_version
from tracker.store.rows import count

DATA_TABLES = (
    "profile", "programs", "rotations", "checklist_items", "housing_options", "expenses",
    "journal_days", "cases", "people", "letters", "follow_ups",
)


def open_user_db(path: Path, today: pendulum.Date | None = None):
    """Open the user's database; on the first open of the day, back it up first."""
    existed = path.exists()
    db = open_db(path)
    if existed:
        daily_backup(db.conn, path, today or pendulum.today().date())
    return db


def _stamp() -> str:
    return pendulum.now("UTC").format("YYYYMMDD-HHmmss")


def backup_to(db_path: Path, out: Path | None = None) -> Path:
    """Write a checked, private copy of the database; to backups/ unless out is given."""
    if not db_path.exists():
        raise StoreError(f"{db_path} does not exist; there is nothing to back up.")
    db = open_db(db_path)
    try:
        target = out or backup_dir(db_path) / f"{db_path.stem}-manual-{_stamp()}.db"
        if target.exists():
            raise StoreError(f"{target} already exists; choose another --out path.")
        return write_backup(db.conn, target)
    finally:
        db.close()


def restore_from(db_path: Path, source: Path) -> Path | None:
    """Replace the database with source (checked first); returns the copy kept of the old one."""
    if not source.exists():
        raise StoreError(f"{source} does not exist.")
    inspect_file(source)
    if source.resolve() == db_path.resolve():
        raise StoreError(f"{source} is the database itself; choose a backup to restore.")
    kept = _keep_current(db_path)
    staging = db_path.with_name(db_path.name + ".restoring")
    staging.unlink(missing_ok=True)
    fd = os.open(staging, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(str(staging))
    try:
        src.backup(dst)  # consistent copy even if the source is in WAL mode
    finally:
        src.close()
        dst.close()
    for suffix in ("-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
    os.replace(staging, db_path)
    os.chmod(db_path, 0o600)
    open_db(db_path).close()  # bring an older backup up to this schema
    return kept


def _keep_current(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    target = backup_dir(db_path) / f"{db_path.stem}-before-restore-{_stamp()}.db"
    try:
        inspect_file(db_path)
    except StoreError:
        # A damaged file is kept byte for byte; it may still hold something worth saving.
        target = target.with_name(target.name.replace("before-restore", "damaged"))
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        target.write_bytes(db_path.read_bytes())
        os.chmod(target, 0o600)
        return target
    db = connect(db_path)
    try:
        return write_backup(db.conn, target)
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

    @property
    def healthy(self) -> bool:
        return self.integrity == "ok" and self.mode & 0o077 == 0


def check(db_path: Path) -> HealthReport:
    """Integrity, schema version and row counts; StoreError if the file is refused."""
    if not db_path.exists():
        raise StoreError(f"{db_path} does not exist.")
    inspect_file(db_path)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
    db = open_db(db_path)
    try:
        steps, latest = schema_version(db)
        counts = {table: count(db, table) for table in DATA_TABLES}
    finally:
        db.close()
    return HealthReport(
        path=db_path, size_bytes=db_path.stat().st_size, mode=db_path.stat().st_mode & 0o777,
        integrity=integrity, schema_steps=steps, schema_latest=latest, counts=counts,
        newest_backup=newest_backup(db_path),
    )
